package io.drip.contact.segments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps segment membership current: a contact changed since its last evaluation (or whose RFM
 * changed) is evaluated against every segment, up to 200 contacts per transaction. When membership
 * changes, the contact's snapshot is published again with its {@code segments}, and each
 * segment entered is announced as a {@code Segment Entered} track event on
 * {@code drip.events.v1} (a journey trigger), all through the outbox.
 */
@ApplicationScoped
public class SegmentEvaluator implements DueWork.Queue<SegmentEvaluator.Due> {
    public static final String SEGMENT_ENTERED = "Segment Entered";

    @Inject
    SegmentCatalog catalog;

    @Inject
    RfmScores rfm;

    @Inject
    Outbox outbox;

    @Inject
    ProcessedRecords processed;

    @Override
    public String name() {
        return "segments";
    }

    @Override
    public String describe(Due due) {
        return "contact " + due.contact().contactId();
    }

    @Override
    public Uni<List<Due>> claim(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("select " + ContactRepository.COLUMNS + """
                        , last_activity_at from contact where segments_version is distinct from version
                        order by updated_at limit $1 for update skip locked""")
                .execute(Tuple.of(limit))
                .chain(rows -> {
                    List<Due> due = new ArrayList<>(rows.size());
                    rows.forEach(row -> due.add(new Due(ContactRepository.snapshot(row),
                            Optional.ofNullable(row.getOffsetDateTime("last_activity_at")).map(at -> at.toInstant()))));
                    return due.isEmpty() ? Uni.createFrom().item(List.<Due>of())
                            : rfm.of(tx, due.stream().map(d -> d.contact().contactId()).toList())
                                    .map(scores -> due.stream().map(d -> d.withRfm(scores)).toList());
                });
    }

    /** A contact due for evaluation, with its computed attributes. */
    public record Due(ContactSnapshot contact, Optional<Instant> lastActivity, Optional<ObjectNode> rfm) {
        Due(ContactSnapshot contact, Optional<Instant> lastActivity) {
            this(contact, lastActivity, Optional.empty());
        }

        Due withRfm(Map<String, ObjectNode> scores) {
            return new Due(contact, lastActivity, Optional.ofNullable(scores.get(contact.contactId())));
        }
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Due due, Instant now) {
        return processAll(tx, List.of(due), now);
    }

    /** Contacts whose membership did not change are marked evaluated in one statement. */
    @Override
    public Uni<Void> processAll(SqlConnection tx, List<Due> due, Instant now) {
        List<String> unchanged = new ArrayList<>();
        Uni<Void> changed = Uni.createFrom().voidItem();
        for (Due item : due) {
            List<String> segments = evaluate(item.contact(), item.rfm(), item.lastActivity());
            // never evaluated and in no segment: nothing to announce
            if (segments.equals(item.contact().segments() == null ? List.of() : item.contact().segments())) {
                unchanged.add(item.contact().contactId());
            } else {
                changed = changed.chain(() -> apply(tx, item.contact(), segments, now));
            }
        }
        return changed.chain(() -> markEvaluated(tx, unchanged));
    }

    /** Nothing to retry for: contacts that cannot be evaluated wait for their next change. */
    @Override
    public Uni<Void> postpone(SqlConnection tx, Due due, Instant until) {
        return markEvaluated(tx, List.of(due.contact().contactId()));
    }

    private static Uni<Void> markEvaluated(SqlConnection tx, List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("update contact set segments_version = version where id = any($1)")
                        .execute(Tuple.of(ids.toArray(new String[0]))).replaceWithVoid();
    }

    /** The {@code contact} variable of segment conditions. */
    static Map<String, Object> attributes(ContactSnapshot contact, Optional<ObjectNode> rfm, Optional<Instant> lastActivity) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("id", contact.contactId());
        attributes.put("phone", contact.phone());
        attributes.put("phoneStatus", contact.phoneStatus());
        attributes.put("timezone", contact.timezone());
        attributes.put("locale", contact.locale());
        attributes.put("traits", MessageJson.mapper().convertValue(contact.traits(), Map.class));
        attributes.put("consent", MessageJson.mapper().convertValue(contact.consent(), Map.class));
        rfm.ifPresent(scores -> attributes.put("rfm", MessageJson.mapper().convertValue(scores, Map.class)));
        lastActivity.ifPresent(at -> attributes.put("lastActivityAt", at.toString()));
        return attributes;
    }

    List<String> evaluate(ContactSnapshot contact, Optional<ObjectNode> scores, Optional<Instant> lastActivity) {
        Map<String, Object> variables = Map.of("contact", attributes(contact, scores, lastActivity));
        return catalog.all().stream().filter(segment -> segment.when().test(variables)).map(SegmentDefinition::id).toList();
    }

    private Uni<Void> apply(SqlConnection tx, ContactSnapshot contact, List<String> segments, Instant now) {
        List<String> before = contact.segments() == null ? List.of() : contact.segments();
        List<String> entered = segments.stream().filter(s -> !before.contains(s)).toList();
        List<String> left = before.stream().filter(s -> !segments.contains(s)).toList();
        ContactSnapshot updated = new ContactSnapshot(contact.contactId(), contact.version() + 1, contact.phone(),
                contact.phoneStatus(), contact.timezone(), contact.locale(), contact.traits(), contact.consent(), now,
                segments);
        List<Outbox.Entry> records = new ArrayList<>();
        records.add(new Outbox.Entry(Topics.CONTACTS, contact.contactId(), updated));
        List<SegmentMessage> events = entered.stream().map(id -> entered(contact.contactId(), id, updated.version(), now)).toList();
        events.forEach(event -> records.add(new Outbox.Entry(Topics.EVENTS, contact.contactId(), event)));
        // contact-service reads drip.events.v1 too: its own announcements are no activity
        Uni<Void> marked = processed.firstTime(tx, events, event -> "segment:" + event.messageId()).replaceWithVoid();
        return tx.preparedQuery("""
                        update contact set version = $2, segments = $3, segments_version = $2, updated_at = $4 where id = $1""")
                .execute(Tuple.of(contact.contactId(), updated.version(), segments.toArray(new String[0]), now.atOffset(ZoneOffset.UTC)))
                .chain(() -> left.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("delete from segment_membership where contact_id = $1 and segment_id = any($2)")
                                .execute(Tuple.of(contact.contactId(), left.toArray(new String[0]))).replaceWithVoid())
                .chain(() -> entered.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("insert into segment_membership (segment_id, contact_id, entered_at) values ($1, $2, $3) on conflict do nothing")
                                .executeBatch(entered.stream().map(id -> Tuple.of(id, contact.contactId(), now.atOffset(ZoneOffset.UTC))).toList())
                                .replaceWithVoid())
                .chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : marked)
                .chain(() -> outbox.addAll(tx, records));
    }

    private SegmentMessage entered(String contactId, String segmentId, long version, Instant now) {
        ObjectNode properties = MessageJson.mapper().createObjectNode()
                .put("segment_id", segmentId)
                .put("segment_name", catalog.find(segmentId).map(SegmentDefinition::name).orElse(segmentId));
        ObjectNode context = MessageJson.mapper().createObjectNode();
        context.putObject("library").put("name", "drip-contact-service");
        return new SegmentMessage(SegmentMessage.TRACK, "segment-entered:" + contactId + ":" + segmentId + ":" + version,
                contactId, null, SEGMENT_ENTERED, null, properties, null, context, now, null, now);
    }
}

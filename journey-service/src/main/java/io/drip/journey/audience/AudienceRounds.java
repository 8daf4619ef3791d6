package io.drip.journey.audience;

import io.drip.contracts.ContactSnapshot;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.AudienceRound;
import io.drip.journey.engine.Change;
import io.drip.journey.engine.ContactRuns;
import io.drip.journey.engine.EventDecider;
import io.drip.journey.run.RunRepository;
import io.drip.journey.run.RunWrites;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Enters the due rounds of audience journeys, one page of members per round and transaction:
 * the page is read ({@link SegmentMembers}) after the member the last page ended at, each member
 * is decided by the {@link EventDecider} (trigger condition, one active run, re-entry; its first
 * step at the round's time in its zone, plus its share of the spread by its position in the
 * round), and the runs, the new cursor and the counts are stored in the same transaction. A
 * page that fails (a crash, the database gone) leaves the round where the last committed page
 * left it, and the next poll, on any replica, resumes from there: no member skipped, none
 * entered twice, each at the same moment. Claimed {@code for update skip locked}: one replica
 * per round at a time.
 */
@ApplicationScoped
public class AudienceRounds implements DueWork.Queue<RoundRow> {
    @Inject
    JourneyCatalog catalog;

    @Inject
    SegmentMembers members;

    @Inject
    RunRepository runs;

    @Inject
    EventDecider decider;

    @Inject
    Outbox outbox;

    @Inject
    AudienceConfig config;

    @ConfigProperty(name = "drip.journeys.default-timezone")
    ZoneId defaultZone;

    @Override
    public String name() {
        return "audience";
    }

    @Override
    public String describe(RoundRow round) {
        return "audience round " + round.round() + " of " + round.journeyId();
    }

    @Override
    public Uni<List<RoundRow>> claim(SqlConnection tx, Instant now, int limit) {
        String[] active = catalog.audienceJourneys().stream().map(JourneyDefinition::id).toArray(String[]::new);
        if (active.length == 0) {
            return Uni.createFrom().item(List.of()); // a paused or archived journey's rounds wait
        }
        return tx.preparedQuery("select " + RoundRow.COLUMNS + " from audience_round where status <> 'done' "
                        + "and due_at <= $1 and journey_id = any($2) order by due_at limit $3 for update skip locked")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), active, limit))
                .map(rows -> {
                    List<RoundRow> due = new ArrayList<>();
                    rows.forEach(row -> due.add(RoundRow.of(row)));
                    return due;
                });
    }

    @Override
    public Uni<Void> process(SqlConnection tx, RoundRow round, Instant now) {
        Optional<JourneyDefinition> found = catalog.audienceJourneys().stream()
                .filter(j -> j.id().equals(round.journeyId())).findFirst();
        if (found.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JourneyDefinition journey = found.get();
        String segment = round.segment() != null ? round.segment() : journey.trigger().audience().segment();
        // the audience's size is counted once, when the round starts
        Uni<Long> size = round.audienceSize() != null ? Uni.createFrom().item(round.audienceSize())
                : members.size(tx, segment);
        return size.chain(audienceSize -> members.page(tx, segment, round.afterMember(), config.pageSize())
                .chain(page -> enter(tx, journey, new AudienceRound(journey.id(), journey.trigger().audience(),
                                round.round(), defaultZone, audienceSize, round.manual()), round.reached(), page, now)
                        .chain(entered -> advanced(tx, round, segment, audienceSize, page, entered, now))));
    }

    /**
     * Decides every member of the page and stores the runs; how many entered. The page's first
     * member is at position {@code reached} in the round (the members of the pages committed
     * before it), so a page entered again after a crash gives its members the same moments.
     */
    private Uni<Integer> enter(SqlConnection tx, JourneyDefinition journey, AudienceRound round, long reached,
            SegmentMembers.Page page, Instant now) {
        List<String> contactIds = page.contactIds();
        if (contactIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return runs.lockEntries(tx, contactIds)
                .chain(() -> runs.ofContacts(tx, contactIds, List.of(journey.id()), List.of()))
                .chain(state -> {
                    RunWrites writes = new RunWrites(now);
                    int entered = 0;
                    List<ContactSnapshot> members = page.members();
                    for (int i = 0; i < members.size(); i++) {
                        ContactSnapshot member = members.get(i);
                        entered += decide(journey, round, reached + i, state.get(member.contactId()), member, now,
                                writes);
                    }
                    int count = entered;
                    return writes.flush(tx, outbox).replaceWith(count);
                });
    }

    private int decide(JourneyDefinition journey, AudienceRound round, long position, ContactRuns runs,
            ContactSnapshot contact, Instant now, RunWrites writes) {
        int entered = 0;
        List<Change> changes = decider.onAudience(journey, runs, round.trigger(runs.contactId(), now), contact, now,
                round.firstStepAt(contact.timezone(), position));
        for (Change change : changes) {
            if (change instanceof Change.Entered) {
                entered++;
            }
            writes.apply(runs.contactId(), change, Outbox.currentTraceparent());
        }
        return entered;
    }

    /** The page is stored: the round's cursor and counts move on with it; after the last page it is done. */
    private Uni<Void> advanced(SqlConnection tx, RoundRow round, String segment, long audienceSize,
            SegmentMembers.Page page, int entered, Instant now) {
        boolean last = page.next() == null;
        return tx.preparedQuery("""
                        update audience_round set status = $3, segment = $4, audience_size = $5,
                          after_member = coalesce($6, after_member), reached = reached + $7, entered = entered + $8,
                          started_at = coalesce(started_at, $9), finished_at = $10, due_at = $9
                        where journey_id = $1 and round = $2""")
                .execute(Tuple.tuple().addString(round.journeyId()).addLocalDateTime(round.round())
                        .addString(last ? RoundRow.DONE : RoundRow.ENTERING).addString(segment)
                        .addLong(audienceSize).addString(page.next())
                        .addLong((long) page.members().size()).addLong((long) entered)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(last ? now.atOffset(ZoneOffset.UTC) : null))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, RoundRow round, Instant until) {
        return tx.preparedQuery("update audience_round set due_at = $3 where journey_id = $1 and round = $2")
                .execute(Tuple.of(round.journeyId(), round.round(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

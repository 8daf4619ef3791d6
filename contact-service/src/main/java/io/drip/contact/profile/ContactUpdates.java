package io.drip.contact.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.Traced;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changes contacts and announces every change: the full snapshot goes to compacted
 * {@code drip.contacts.v1} through the outbox, in the transaction that made the change.
 */
@ApplicationScoped
public class ContactUpdates {

    @Inject
    ContactRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    NumberConsent numberConsent;

    @ConfigProperty(name = "drip.contacts.default-timezone")
    String defaultTimezone;

    /**
     * Merges identify calls' traits into their contacts (creating them on first sight), as if one
     * after the other, with a statement per table for all of them. Numbers without a country code
     * are read in {@code region}. The time zone is the timezone trait, else the message's
     * context.timezone, else the number's zone, else the contact's earlier zone, else the workspace
     * default. Each snapshot continues its message's trace (null: the current one).
     */
    public Uni<Void> identifyAll(SqlConnection tx, List<Traced<SegmentMessage>> messages, String region) {
        return repository.canonicalIds(tx, messages.stream().map(m -> m.message().contactId()).toList())
                .chain(merged -> InOrder.each(oneCallPerContact(messages, merged),
                        calls -> identifyEach(tx, calls, region)));
    }

    /** An identify call and the contact it is for (an alias merged into another means that other). */
    private record Call(Traced<SegmentMessage> traced, String contactId) {
    }

    /** Cuts the calls, in order, where a contact comes again: each part changes a contact once. */
    private static List<List<Call>> oneCallPerContact(List<Traced<SegmentMessage>> messages, Map<String, String> merged) {
        List<List<Call>> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Call> part = new ArrayList<>();
        for (Traced<SegmentMessage> traced : messages) {
            String id = merged.getOrDefault(traced.message().contactId(), traced.message().contactId());
            if (!seen.add(id)) {
                parts.add(part);
                part = new ArrayList<>();
                seen.clear();
                seen.add(id);
            }
            part.add(new Call(traced, id));
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private Uni<Void> identifyEach(SqlConnection tx, List<Call> calls, String region) {
        return repository.findAllForUpdate(tx, calls.stream().map(Call::contactId).toList()).chain(existing -> {
            List<ContactSnapshot> derived = new ArrayList<>();
            for (Call call : calls) {
                SegmentMessage message = call.traced().message();
                Optional<ContactSnapshot> held = Optional.ofNullable(existing.get(call.contactId()));
                ObjectNode traits = held.map(c -> c.traits().deepCopy()).orElseGet(MessageJson.mapper()::createObjectNode);
                if (message.traits() != null) {
                    traits.setAll(message.traits());
                }
                String locale = Optional.ofNullable(text(traits, "locale")).orElse(text(message.context(), "locale"));
                derived.add(derive(call.contactId(), held, traits, region, TimeZones.zone(text(message.context(), "timezone")),
                        Optional.ofNullable(locale).or(() -> held.map(ContactSnapshot::locale))));
            }
            return numberConsent.apply(tx, existing, derived).chain(saved -> repository.saveAll(tx, saved,
                            saved.stream().map(c -> Optional.ofNullable(text(c.traits(), "phone"))).toList())
                    .chain(() -> outbox.addAll(tx, IntStream.range(0, saved.size()).mapToObj(i -> new Outbox.Entry(
                            Topics.CONTACTS, saved.get(i).contactId(), saved.get(i), calls.get(i).traced().traceparent()))
                            .toList())));
        }).chain(() -> repository.touchAll(tx, calls.stream()
                .map(call -> new ContactRepository.Activity(call.contactId(), call.traced().message().timestamp())).toList()));
    }

    /**
     * Sets a contact's traits through the admin API, creating the contact if needed:
     * {@code patch} merges them (JSON Merge Patch: null removes a trait), else they replace all.
     */
    public Uni<ContactSnapshot> setTraits(SqlConnection tx, String id, ObjectNode traits, boolean patch, String region) {
        return repository.findForUpdate(tx, id).chain(existing -> {
            ObjectNode updated = patch
                    ? existing.map(c -> c.traits().deepCopy()).orElseGet(MessageJson.mapper()::createObjectNode)
                    : traits.deepCopy();
            if (patch) {
                TraitsRequest.mergePatch(updated, traits);
            }
            return save(tx, id, existing, updated, region, Optional.empty(),
                    Optional.ofNullable(text(updated, "locale")).or(() -> existing.map(ContactSnapshot::locale)), null);
        });
    }

    /**
     * An alias call: {@code previousId} is the same person as {@code userId}. The earlier profile
     * is merged into the user's (the user's traits win; per channel and category the latest
     * consent wins), erased under its old id (tombstone) and remembered as an alias.
     */
    public Uni<Void> alias(SqlConnection tx, SegmentMessage message, String traceparent) {
        String previousId = message.previousId();
        return repository.canonicalId(tx, message.userId()).chain(userId -> {
            if (userId.equals(previousId)) {
                return Uni.createFrom().voidItem();
            }
            // lock in id order, so two opposite aliases cannot deadlock
            boolean previousFirst = previousId.compareTo(userId) < 0;
            Uni<Optional<ContactSnapshot>> firstLock = repository.findForUpdate(tx, previousFirst ? previousId : userId);
            return firstLock.chain(first -> repository.findForUpdate(tx, previousFirst ? userId : previousId)
                    .chain(second -> merge(tx, previousId, userId, previousFirst ? first : second,
                            previousFirst ? second : first, traceparent)));
        });
    }

    private Uni<Void> merge(SqlConnection tx, String previousId, String userId, Optional<ContactSnapshot> previous,
            Optional<ContactSnapshot> user, String traceparent) {
        Uni<Void> aliased = repository.addAlias(tx, previousId, userId);
        if (previous.isEmpty()) {
            return aliased;
        }
        ContactSnapshot old = previous.get();
        ObjectNode traits = old.traits().deepCopy();
        user.ifPresent(u -> traits.setAll(u.traits()));
        Map<String, Map<String, ContactSnapshot.Consent>> consent = new HashMap<>();
        old.consent().forEach((channel, categories) -> consent.put(channel, new HashMap<>(categories)));
        user.ifPresent(u -> u.consent().forEach((channel, categories) -> categories.forEach((category, state) ->
                consent.computeIfAbsent(channel, c -> new HashMap<>()).merge(category, state, ContactUpdates::later))));
        ContactSnapshot merged = new ContactSnapshot(userId, user.map(u -> u.version() + 1).orElse(1L),
                null, null, user.map(ContactSnapshot::timezone).orElse(old.timezone()),
                user.map(ContactSnapshot::locale).orElse(old.locale()), traits, consent, Instant.now(),
                user.map(ContactSnapshot::segments).orElse(null));
        return aliased
                .chain(() -> repository.delete(tx, previousId))
                .chain(() -> outbox.add(tx, Topics.CONTACTS, previousId, null, traceparent))
                .chain(() -> saveSnapshot(tx, withPhone(merged, user.filter(u -> u.phone() != null).orElse(old)),
                        text(traits, "phone"), traceparent))
                .replaceWithVoid();
    }

    private static ContactSnapshot.Consent later(ContactSnapshot.Consent a, ContactSnapshot.Consent b) {
        if (a.at() == null) {
            return b;
        }
        return b.at() != null && b.at().isAfter(a.at()) ? b : a;
    }

    private static ContactSnapshot withPhone(ContactSnapshot contact, ContactSnapshot phoneFrom) {
        return new ContactSnapshot(contact.contactId(), contact.version(), phoneFrom.phone(), phoneFrom.phoneStatus(),
                contact.timezone(), contact.locale(), contact.traits(), contact.consent(), contact.updatedAt(),
                contact.segments());
    }

    /**
     * Writes new traits (normalising the number) and publishes the snapshot; a number that opted
     * out by keyword brings its opt-out.
     */
    Uni<ContactSnapshot> save(SqlConnection tx, String id, Optional<ContactSnapshot> existing, ObjectNode traits, String region,
            Optional<String> messageZone, Optional<String> locale, String traceparent) {
        ContactSnapshot derived = derive(id, existing, traits, region, messageZone, locale);
        return numberConsent.apply(tx, existing.map(held -> Map.of(id, held)).orElse(Map.of()), List.of(derived))
                .chain(saved -> saveSnapshot(tx, saved.get(0), text(traits, "phone"), traceparent));
    }

    /**
     * The next snapshot of a contact with these traits: the number normalised (read in
     * {@code region}), the zone and locale derived; consent stays as it was.
     */
    public ContactSnapshot derive(String id, Optional<ContactSnapshot> existing, ObjectNode traits, String region,
            Optional<String> messageZone, Optional<String> locale) {
        PhoneNormalizer.Result phone = PhoneNormalizer.normalize(text(traits, "phone"), region);
        // an unusable zone trait is ignored here (the HTTP API rejects it up front)
        String timezone = TimeZones.zone(text(traits, "timezone"))
                .or(() -> messageZone)
                .or(phone::timezone)
                .or(() -> existing.map(ContactSnapshot::timezone))
                .orElse(defaultTimezone);
        return new ContactSnapshot(id, existing.map(c -> c.version() + 1).orElse(1L),
                phone.e164(), phone.status(), timezone, locale.orElse(null), traits,
                existing.map(ContactSnapshot::consent).orElse(Map.of()), Instant.now(),
                existing.map(ContactSnapshot::segments).orElse(null));
    }

    /** Stores the snapshot and publishes it, continuing {@code traceparent}'s trace (null: the current one). */
    Uni<ContactSnapshot> saveSnapshot(SqlConnection tx, ContactSnapshot snapshot, String phoneRaw, String traceparent) {
        return repository.save(tx, snapshot, phoneRaw)
                .chain(() -> outbox.add(tx, Topics.CONTACTS, snapshot.contactId(), snapshot, traceparent))
                .replaceWith(snapshot);
    }

    public static String text(ObjectNode holder, String field) {
        JsonNode node = holder == null ? null : holder.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}

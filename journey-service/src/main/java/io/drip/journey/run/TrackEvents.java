package io.drip.journey.run;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.EventDecider;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Applies a batch of track events in one transaction, each once and in record order: the
 * {@link EventDecider} decides what each does to its contact's runs (goal, runs in flight,
 * inactivity, triggers and first steps) and {@link RunWrites} stores the whole batch's changes
 * with one statement per table. What deciding needs is read for the whole batch too: idempotency
 * marks, snapshots and the contacts' runs, one round trip each. An event whose trigger condition
 * reads a contact not yet projected waits for it ({@link #split}, released by {@link ContactWaits}).
 */
@ApplicationScoped
public class TrackEvents {

    @Inject
    ProcessedRecords processed;

    @Inject
    JourneyCatalog catalog;

    @Inject
    ContactSnapshots contacts;

    @Inject
    RunRepository runs;

    @Inject
    RunJourneys journeys;

    @Inject
    EventDecider decider;

    @Inject
    Outbox outbox;

    @Inject
    WaitingEvents waiting;

    @Inject
    DatabaseClock clock;

    public Uni<Void> apply(SqlConnection tx, List<Traced<SegmentMessage>> batch) {
        return clock.now(tx).chain(now -> processed.firstTime(tx, batch, event -> "event:" + event.message().messageId())
                .chain(fresh -> apply(tx, fresh, now)));
    }

    private Uni<Void> apply(SqlConnection tx, List<Traced<SegmentMessage>> fresh, Instant now) {
        Set<String> contactIds = fresh.stream().map(event -> event.message().contactId()).collect(Collectors.toSet());
        return contacts.findAll(tx, contactIds).chain(snapshots -> waiting.waiting(tx, contactIds).chain(held -> {
            Split split = split(fresh, snapshots.keySet(), held, catalog::triggersOnContact);
            return waiting.holdAll(tx, split.held(), now).chain(() -> decideAndStore(tx, split.now(), snapshots, now));
        }));
    }

    /** Applies a contact's held events, in their order, with its snapshot (null: it never came). */
    public Uni<Void> applyHeld(SqlConnection tx, List<Traced<SegmentMessage>> held, ContactSnapshot contact, Instant now) {
        return decideAndStore(tx, held, contact == null ? Map.of() : Map.of(contact.contactId(), contact), now);
    }

    /** The events of a batch applied now, and those held for their contact's snapshot. */
    record Split(List<Traced<SegmentMessage>> now, List<Traced<SegmentMessage>> held) {
    }

    /**
     * Decides which events wait for their contact: an event that triggers a journey whose
     * {@code when} reads the contact, when its snapshot has not arrived, and every later event of
     * a contact with events waiting, snapshot or not (its order holds: they are released first).
     * The others are applied now.
     *
     * @param known contacts whose snapshot is here
     * @param waiting contacts with events held already
     * @param readsContact whether an event's triggers read the contact
     */
    static Split split(List<Traced<SegmentMessage>> events, Set<String> known, Set<String> waiting,
            Predicate<String> readsContact) {
        Set<String> holding = new HashSet<>(waiting);
        List<Traced<SegmentMessage>> now = new ArrayList<>();
        List<Traced<SegmentMessage>> held = new ArrayList<>();
        for (Traced<SegmentMessage> event : events) {
            String contactId = event.message().contactId();
            if (holding.contains(contactId) || !known.contains(contactId) && readsContact.test(event.message().event())) {
                holding.add(contactId);
                held.add(event);
            } else {
                now.add(event);
            }
        }
        return new Split(now, held);
    }

    private Uni<Void> decideAndStore(SqlConnection tx, List<Traced<SegmentMessage>> events,
            Map<String, ContactSnapshot> snapshots, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> contactIds = events.stream().map(e -> e.message().contactId()).collect(Collectors.toSet());
        Set<String> names = events.stream().map(e -> e.message().event()).collect(Collectors.toSet());
        Set<String> entering = names.stream().flatMap(name -> catalog.triggeredBy(name).stream())
                .map(JourneyDefinition::id).collect(Collectors.toSet());
        Set<String> withGoal = names.stream().flatMap(name -> catalog.withGoal(name).stream())
                .map(JourneyDefinition::id).collect(Collectors.toSet());
        Uni<Void> locked = entering.isEmpty() ? Uni.createFrom().voidItem() : runs.lockEntries(tx, contactIds);
        return locked.chain(() -> runs.ofContacts(tx, contactIds, entering, withGoal)).chain(state -> journeys
                .forRuns(state.values().stream().flatMap(c -> c.active().stream()).toList()).chain(known -> {
                    RunWrites writes = new RunWrites(now);
                    for (Traced<SegmentMessage> event : events) {
                        String contactId = event.message().contactId();
                        decider.onEvent(known, state.get(contactId), event.message(), snapshots.get(contactId), now)
                                .forEach(change -> writes.apply(contactId, change, event.traceparent()));
                    }
                    return writes.flush(tx, outbox);
                }));
    }
}

package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.engine.Variables;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Applies a batch of track events in one transaction, each once and in record order: as a goal
 * (conversions), to the runs the contact is in ({@code exit_when}, {@code wait_for}), as activity
 * (inactivity timers), then as a trigger of the journeys it enters ({@code when}, re-entry
 * policy), whose first steps are taken at once. The idempotency marks and the contacts' snapshots
 * are read for the whole batch in one round trip each. An event whose trigger condition reads a
 * contact not yet projected waits for it ({@link #split}, released by {@link ContactWaits}).
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
    RunEvents runEvents;

    @Inject
    Conversions conversions;

    @Inject
    InactivityTimers inactivity;

    @Inject
    RunStarter starter;

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
            return waiting.holdAll(tx, split.held(), now).chain(() -> InOrder.each(split.now(),
                    event -> apply(tx, event, snapshots.get(event.message().contactId()), now)));
        }));
    }

    /** Applies a contact's held events, in their order, with its snapshot (null: it never came). */
    public Uni<Void> applyHeld(SqlConnection tx, List<Traced<SegmentMessage>> held, ContactSnapshot contact, Instant now) {
        return InOrder.each(held, event -> apply(tx, event, contact, now));
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

    private Uni<Void> apply(SqlConnection tx, Traced<SegmentMessage> traced, ContactSnapshot contact, Instant now) {
        SegmentMessage message = traced.message();
        JsonNode event = MessageJson.mapper().valueToTree(message);
        return InOrder.each(catalog.withGoal(message.event()), journey -> conversions.onGoalEvent(tx, journey, message, now))
                .chain(() -> runEvents.onEvent(tx, message.contactId(), message.event(), event, contact, now))
                .chain(() -> inactivity.activity(tx, message.contactId(),
                        message.timestamp() != null ? message.timestamp() : now))
                .chain(() -> InOrder.each(catalog.triggeredBy(message.event()), journey -> journey.trigger().firedBy(
                                message.event(), Variables.of(journey, journey.version(), contact, event))
                        ? starter.enter(tx, journey, message, contact, traced.traceparent(), now)
                        : Uni.createFrom().voidItem()));
    }
}

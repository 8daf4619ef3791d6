package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.EventDecider;
import io.drip.journey.metrics.TimerLateness;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Inactivity triggers: every event of a contact pushes back its timer for each inactivity
 * journey ({@code Change.Active}, stored by {@link RunWrites}); a timer that comes due enters the
 * contact with an "Inactive" trigger event, decided by the {@link EventDecider}.
 */
@ApplicationScoped
public class InactivityTimers implements DueWork.Queue<InactivityTimers.Due> {
    public static final String INACTIVE_EVENT = "Inactive";

    /** A timer that came due. */
    public record Due(String journeyId, String contactId, Instant lastEventAt, Instant dueAt) {
    }

    @Inject
    JourneyCatalog catalog;

    @Inject
    RunRepository runs;

    @Inject
    EventDecider decider;

    @Inject
    Outbox outbox;

    @Inject
    ContactSnapshots contacts;

    @Inject
    TimerLateness lateness;

    @Override
    public String name() {
        return "inactivity";
    }

    @Override
    public String describe(Due due) {
        return "inactivity of contact " + due.contactId() + " in " + due.journeyId();
    }

    @Override
    public Uni<List<Due>> claim(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        select journey_id, contact_id, last_event_at, due_at from inactivity_timer where due_at <= $1
                        order by due_at limit $2 for update skip locked""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getString("journey_id"), row.getString("contact_id"),
                            row.getOffsetDateTime("last_event_at").toInstant(), row.getOffsetDateTime("due_at").toInstant())));
                    return due;
                });
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Due due, Instant now) {
        lateness.fired(name(), due.dueAt(), now);
        Uni<Void> removed = tx.preparedQuery("delete from inactivity_timer where journey_id = $1 and contact_id = $2")
                .execute(Tuple.of(due.journeyId(), due.contactId())).replaceWithVoid();
        JourneyDefinition journey = catalog.inactivityJourneys().stream().filter(j -> j.id().equals(due.journeyId()))
                .findFirst().orElse(null);
        if (journey == null) {
            return removed; // the journey is gone, not active, or no longer an inactivity journey
        }
        var properties = MessageJson.mapper().createObjectNode()
                .put("inactiveFor", journey.trigger().inactiveFor().toString())
                .put("lastEventAt", due.lastEventAt().toString());
        SegmentMessage trigger = new SegmentMessage(SegmentMessage.TRACK,
                "inactive:" + due.journeyId() + ":" + due.contactId() + ":" + due.dueAt(), due.contactId(), null,
                INACTIVE_EVENT, null, properties, null, null, due.dueAt(), null, now);
        List<String> contact = List.of(due.contactId());
        return removed.chain(() -> contacts.find(tx, due.contactId()))
                .chain(snapshot -> runs.lockEntries(tx, contact)
                        .chain(() -> runs.ofContacts(tx, contact, List.of(journey.id()), List.of()))
                        .chain(state -> {
                            RunWrites writes = new RunWrites(now);
                            decider.onInactive(journey, state.get(due.contactId()), trigger, snapshot.orElse(null), now)
                                    .forEach(change -> writes.apply(due.contactId(), change, Outbox.currentTraceparent()));
                            return writes.flush(tx, outbox);
                        }));
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Due due, Instant until) {
        return tx.preparedQuery("update inactivity_timer set due_at = $3 where journey_id = $1 and contact_id = $2")
                .execute(Tuple.of(due.journeyId(), due.contactId(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

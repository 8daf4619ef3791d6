package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Variables;
import io.drip.journey.metrics.TimerLateness;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Multi;
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
 * journey; a timer that comes due enters the contact with an "Inactive" trigger event.
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
    RunStarter starter;

    @Inject
    ContactSnapshots contacts;

    @Inject
    TimerLateness lateness;

    /** The contact was active at {@code at}: restart its inactivity timers. */
    public Uni<Void> activity(SqlConnection tx, String contactId, Instant at) {
        return Multi.createFrom().iterable(catalog.inactivityJourneys())
                .onItem().transformToUniAndConcatenate(journey -> tx.preparedQuery("""
                                insert into inactivity_timer (journey_id, contact_id, last_event_at, due_at)
                                values ($1, $2, $3, $4)
                                on conflict (journey_id, contact_id) do update
                                  set last_event_at = excluded.last_event_at, due_at = excluded.due_at
                                  where inactivity_timer.last_event_at < excluded.last_event_at""")
                        .execute(Tuple.of(journey.id(), contactId, at.atOffset(ZoneOffset.UTC),
                                at.plus(journey.trigger().inactiveFor()).atOffset(ZoneOffset.UTC))))
                .collect().asList().replaceWithVoid();
    }

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
        return removed.chain(() -> contacts.find(tx, due.contactId())).chain(contact -> journey.trigger().holds(
                Variables.of(journey, journey.version(), contact.orElse(null), MessageJson.mapper().valueToTree(trigger)))
                ? starter.enter(tx, journey, trigger, contact.orElse(null), Outbox.currentTraceparent(), now)
                : Uni.createFrom().voidItem());
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Due due, Instant until) {
        return tx.preparedQuery("update inactivity_timer set due_at = $3 where journey_id = $1 and contact_id = $2")
                .execute(Tuple.of(due.journeyId(), due.contactId(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

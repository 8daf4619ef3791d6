package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Variables;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies each track event once: as a goal (conversions), to the runs the contact is in
 * ({@code exit_when}, {@code wait_for}), as activity (inactivity timers), then as a trigger of the
 * journeys it enters ({@code when}, re-entry policy).
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    Pool pool;

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

    @Incoming("events")
    public Uni<Void> consume(String record) {
        SegmentMessage message = MessageJson.read(record, SegmentMessage.class);
        if (!message.isTrack() || !catalog.concerns(message.event())) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        JsonNode event = MessageJson.mapper().valueToTree(message);
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "event:" + message.messageId())
                .chain(first -> !first ? Uni.createFrom().voidItem() : contacts.find(tx, message.contactId())
                        .map(contact -> contact.orElse(null))
                        .chain(contact -> each(catalog.withGoal(message.event()),
                                        j -> conversions.onGoalEvent(tx, j, message, now))
                                .chain(() -> runEvents.onEvent(tx, message.contactId(), message.event(), event, contact,
                                        now))
                                .chain(() -> inactivity.activity(tx, message.contactId(),
                                        message.timestamp() != null ? message.timestamp() : now))
                                .chain(() -> enterTriggered(tx, message, event, contact, now)))));
    }

    private Uni<Void> enterTriggered(SqlConnection tx, SegmentMessage message, JsonNode event, ContactSnapshot contact,
            Instant now) {
        return each(catalog.triggeredBy(message.event()), journey -> journey.trigger().firedBy(message.event(),
                        Variables.of(journey, journey.version(), contact, event))
                ? starter.enter(tx, journey, message, now)
                : Uni.createFrom().voidItem());
    }

    private static Uni<Void> each(List<JourneyDefinition> journeys, Function<JourneyDefinition, Uni<Void>> action) {
        return Multi.createFrom().iterable(journeys).onItem().<Void>transformToUniAndConcatenate(action::apply)
                .collect().asList().replaceWithVoid();
    }
}

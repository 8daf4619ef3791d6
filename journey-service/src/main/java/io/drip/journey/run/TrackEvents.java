package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Variables;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a batch of track events in one transaction, each once and in record order: as a goal
 * (conversions), to the runs the contact is in ({@code exit_when}, {@code wait_for}), as activity
 * (inactivity timers), then as a trigger of the journeys it enters ({@code when}, re-entry
 * policy), whose first steps are taken at once. The idempotency marks and the contacts' snapshots
 * are read for the whole batch in one round trip each.
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

    public Uni<Void> apply(SqlConnection tx, List<Traced<SegmentMessage>> batch) {
        Instant now = Instant.now();
        return processed.firstTime(tx, batch, event -> "event:" + event.message().messageId()).chain(fresh -> {
            Set<String> contactIds = fresh.stream().map(event -> event.message().contactId()).collect(Collectors.toSet());
            return contacts.findAll(tx, contactIds).chain(snapshots -> InOrder.each(fresh,
                    event -> apply(tx, event, snapshots, now)));
        });
    }

    private Uni<Void> apply(SqlConnection tx, Traced<SegmentMessage> traced, Map<String, ContactSnapshot> snapshots, Instant now) {
        SegmentMessage message = traced.message();
        ContactSnapshot contact = snapshots.get(message.contactId());
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

package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Enters contacts into the journeys that a track event triggers, once per event. */
@ApplicationScoped
public class TriggerConsumer {
    private static final Logger LOG = Logger.getLogger(TriggerConsumer.class);

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    JourneyCatalog catalog;

    @Inject
    RunRepository runs;

    @Incoming("events")
    public Uni<Void> consume(String record) {
        SegmentMessage message = MessageJson.read(record, SegmentMessage.class);
        List<JourneyDefinition> triggered = message.isTrack() ? catalog.triggeredBy(message.event()) : List.of();
        if (triggered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "event:" + message.messageId())
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(triggered)
                                .onItem().transformToUniAndConcatenate(journey -> runs.start(tx, journey, message, now)
                                        .invoke(entered -> {
                                            if (!entered) {
                                                LOG.debugf("%s is already in %s: trigger %s ignored",
                                                        message.contactId(), journey.id(), message.messageId());
                                            }
                                        }))
                                .collect().asList().replaceWithVoid()));
    }
}

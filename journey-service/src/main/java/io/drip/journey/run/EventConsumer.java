package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies each track event once: first as a goal (conversions), then to the runs the contact is
 * in ({@code exit_when}, {@code wait_for}), then as a trigger of the journeys it enters, within
 * their re-entry policy.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    JourneyCatalog catalog;

    @Inject
    RunRepository runs;

    @Inject
    RunEvents runEvents;

    @Inject
    Conversions conversions;

    @Incoming("events")
    public Uni<Void> consume(String record) {
        SegmentMessage message = MessageJson.read(record, SegmentMessage.class);
        if (!message.isTrack() || !catalog.concerns(message.event())) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "event:" + message.messageId())
                .chain(first -> !first ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(catalog.withGoal(message.event()))
                                .onItem().transformToUniAndConcatenate(j -> conversions.onGoalEvent(tx, j, message, now))
                                .collect().asList()
                                .chain(() -> runEvents.onEvent(tx, message.contactId(), message.event(), now))
                                .chain(() -> Multi.createFrom().iterable(catalog.triggeredBy(message.event()))
                                        .onItem().transformToUniAndConcatenate(journey -> enter(tx, journey, message, now))
                                        .collect().asList().replaceWithVoid())));
    }

    private Uni<Void> enter(SqlConnection tx, JourneyDefinition journey, SegmentMessage trigger, Instant now) {
        return runs.lastEntry(tx, journey.id(), trigger.contactId()).chain(last -> {
            if (!journey.reentry().allows(last.orElse(null), now)) {
                LOG.debugf("%s may not enter %s again (%s): trigger %s ignored", trigger.contactId(), journey.id(),
                        journey.reentry(), trigger.messageId());
                return Uni.createFrom().voidItem();
            }
            return runs.start(tx, journey, trigger, now).invoke(entered -> {
                if (!entered) {
                    LOG.debugf("%s is already in %s: trigger %s ignored", trigger.contactId(), journey.id(),
                            trigger.messageId());
                }
            }).replaceWithVoid();
        });
    }
}

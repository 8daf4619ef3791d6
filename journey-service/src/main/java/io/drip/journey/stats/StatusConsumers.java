package io.drip.journey.stats;

import io.drip.contracts.Click;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.journey.run.RunEvents;
import io.drip.journey.sendtime.ClickHourStore;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.outbox.ProcessedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies delivery statuses and clicks to the messages they concern, each record once, a batch
 * of records per transaction ({@link RecordBatches}); the runs they move on are timed by the
 * database's clock, as their timers are claimed. Human clicks are also counted by local hour
 * ({@link ClickHourStore}), for send steps that choose each contact's best hour.
 */
@ApplicationScoped
public class StatusConsumers {

    @Inject
    RecordBatches batches;

    @Inject
    ProcessedRecords processed;

    @Inject
    MessageLog messages;

    @Inject
    RunEvents runEvents;

    @Inject
    ClickHourStore clickHours;

    @Inject
    DatabaseClock clock;

    @Incoming("deliveries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> deliveries(Message<List<String>> batch) {
        return batches.apply("deliveries", batch, record -> MessageJson.read(record.getPayload(), DeliveryStatus.class),
                (tx, statuses) -> clock.now(tx).chain(now -> processed.firstTime(tx, statuses,
                                status -> "delivery:" + status.messageId() + ":" + status.status())
                        .chain(fresh -> messages.statuses(tx, fresh)
                                .chain(() -> runEvents.onDelivered(tx, fresh.stream()
                                        .filter(status -> DeliveryStatus.DELIVERED.equals(status.status()))
                                        .map(DeliveryStatus::messageId).toList(), now)))));
    }

    @Incoming("clicks")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> clicks(Message<List<String>> batch) {
        return batches.apply("clicks", batch, record -> {
            Click click = MessageJson.read(record.getPayload(), Click.class);
            return click.bot() ? null : click; // link previews are not engagement
        }, (tx, clicks) -> clock.now(tx).chain(now -> processed.firstTime(tx, clicks, click -> "click:" + click.clickId())
                .chain(fresh -> messages.clicks(tx, fresh)
                        .chain(() -> clickHours.count(tx, fresh))
                        .chain(() -> runEvents.onHumanClicks(tx, fresh.stream().map(Click::messageId).toList(), now)))));
    }
}

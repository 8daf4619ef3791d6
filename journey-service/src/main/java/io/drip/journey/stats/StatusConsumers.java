package io.drip.journey.stats;

import io.drip.contracts.Click;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import io.drip.journey.run.RunEvents;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies delivery statuses and clicks to the messages they concern, each record once. */
@ApplicationScoped
public class StatusConsumers {

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    MessageLog messages;

    @Inject
    RunEvents runEvents;

    @Incoming("deliveries")
    public Uni<Void> delivery(String record) {
        DeliveryStatus status = MessageJson.read(record, DeliveryStatus.class);
        String id = "delivery:" + status.messageId() + ":" + status.status();
        return pool.withTransaction(tx -> processed.markFirstTime(tx, id)
                .chain(first -> !first ? Uni.createFrom().voidItem() : messages.status(tx, status)
                        .chain(() -> DeliveryStatus.DELIVERED.equals(status.status())
                                ? runEvents.onDelivered(tx, status.messageId(), Instant.now())
                                : Uni.createFrom().voidItem())));
    }

    @Incoming("clicks")
    public Uni<Void> click(String record) {
        Click click = MessageJson.read(record, Click.class);
        if (click.bot()) {
            return Uni.createFrom().voidItem(); // link previews are not engagement
        }
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "click:" + click.clickId())
                .chain(first -> !first ? Uni.createFrom().voidItem() : messages.click(tx, click)
                        .chain(() -> runEvents.onHumanClick(tx, click.messageId(), Instant.now()))));
    }
}

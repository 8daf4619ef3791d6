package io.drip.tracking.click;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.kit.consume.RecordBatches;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * When each message was delivered, from drip.deliveries.v1: no person reads an SMS and taps its
 * link within seconds of delivery, a preview fetcher or scanner does. The first receipt counts;
 * redeliveries of the record change nothing. A batch of records per statement ({@link RecordBatches}).
 */
@ApplicationScoped
public class Deliveries {

    @Inject
    RecordBatches batches;

    @Incoming("deliveries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("deliveries", batch, record -> {
            DeliveryStatus status = MessageJson.read(record.getPayload(), DeliveryStatus.class);
            return DeliveryStatus.DELIVERED.equals(status.status()) && status.at() != null ? status : null;
        }, (tx, delivered) -> tx.preparedQuery("""
                        insert into delivery (message_id, delivered_at)
                        select * from unnest($1::text[], $2::timestamptz[]) on conflict do nothing""")
                .execute(Tuple.of(delivered.stream().map(DeliveryStatus::messageId).toArray(String[]::new),
                        delivered.stream().map(status -> status.at().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid());
    }

    /** Delivery times of those of {@code messageIds} that were delivered. */
    public Uni<Map<String, Instant>> deliveredAt(SqlClient db, Set<String> messageIds) {
        return db.preparedQuery("select message_id, delivered_at from delivery where message_id = any($1)")
                .execute(Tuple.of(messageIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Instant> delivered = new HashMap<>();
                    rows.forEach(row -> delivered.put(row.getString("message_id"),
                            row.getOffsetDateTime("delivered_at").toInstant()));
                    return delivered;
                });
    }
}

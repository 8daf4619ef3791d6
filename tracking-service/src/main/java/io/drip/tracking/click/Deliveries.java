package io.drip.tracking.click;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * When each message was delivered, from drip.deliveries.v1: no person reads an SMS and taps its
 * link within seconds of delivery, a preview fetcher or scanner does. The first receipt counts;
 * redeliveries of the record change nothing.
 */
@ApplicationScoped
public class Deliveries {

    @Inject
    Pool pool;

    @Incoming("deliveries")
    public Uni<Void> consume(String record) {
        DeliveryStatus status = MessageJson.read(record, DeliveryStatus.class);
        if (!DeliveryStatus.DELIVERED.equals(status.status()) || status.at() == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("insert into delivery (message_id, delivered_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(status.messageId(), status.at().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
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

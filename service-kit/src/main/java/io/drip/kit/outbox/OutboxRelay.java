package io.drip.kit.outbox;

import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.groups.UniJoin;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order (the bulk lane after the normal one, see
 * {@link Outbox#addBulk}), each in the trace that wrote it, and deletes them once the broker
 * acknowledged them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work; a
 * crash between the send and the delete publishes a row again, which consumers absorb through
 * their idempotency keys (at-least-once, never lost).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Pool pool;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "drip.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "drip.outbox.poll-interval", defaultValue = "PT0.1S")
    Duration pollInterval;

    @Inject
    Poller poller;

    void start(@Observes StartupEvent event) {
        poller.every("outbox relay", pollInterval, this::publishPending);
    }

    Uni<Void> publishPending() {
        return publishBatch()
                .chain(published -> published == batchSize ? publishPending() : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.warnf("outbox relay: publishing failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Publishes one batch; returns how many rows it published. */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(tx -> claim(tx).chain(rows -> rows.size() == 0
                ? Uni.createFrom().item(0)
                : send(rows).chain(ids -> delete(tx, ids)).replaceWith(rows.size())));
    }

    private Uni<RowSet<Row>> claim(SqlConnection tx) {
        return tx.preparedQuery("select id, topic, record_key, payload, traceparent from outbox order by bulk, id limit $1 for update skip locked")
                .execute(Tuple.of(batchSize));
    }

    private Uni<List<Long>> send(RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        UniJoin.Builder<Void> acks = Uni.join().builder();
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.getString("topic"))
                    .withKey(row.getString("record_key"))
                    .build();
            Message<String> message = Message.of(row.getString("payload")).addMetadata(metadata);
            String traceparent = row.getString("traceparent");
            if (traceparent != null) {
                // the connector's producer span (and the record's traceparent header) joins that trace
                message = message.addMetadata(TracingMetadata.withCurrent(TraceContext.of(traceparent)));
            }
            acks.add(emitter.sendMessage(message));
        }
        return acks.joinAll().andFailFast().replaceWith(ids);
    }

    private Uni<Void> delete(SqlConnection tx, List<Long> ids) {
        return tx.preparedQuery("delete from outbox where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid();
    }
}

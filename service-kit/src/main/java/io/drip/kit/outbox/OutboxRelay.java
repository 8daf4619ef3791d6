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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * acknowledged them. One replica publishes at a time: the one holding the lease
 * ({@code outbox_relay_lease}, timed on the database's clock, renewed as it works), so the
 * records of a key leave in the order they were written, never a later one first (replicas
 * that shared the rows could publish a contact's erasure before its last snapshot, resurrecting
 * it). Rows are read without a lock, so no writer waits while the broker acknowledges. A crash
 * between the send and the delete, or a broker stalled past the lease while another replica
 * takes over, publishes a row again, which consumers absorb through their idempotency keys and
 * versions (at-least-once, never lost).
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

    /** How long the lease lasts without renewal: a replica that stops publishing is replaced after this. */
    @ConfigProperty(name = "drip.outbox.lease", defaultValue = "PT10S")
    Duration lease;

    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    /**
     * Who holds the lease: the host and HTTP port, which tell replicas apart and stay the same when
     * a replica restarts in place (a killed container, a local process), so it takes its lease
     * back at once instead of waiting for it to run out.
     */
    private String owner;
    /** When (System.nanoTime) the lease is next renewed or, without it, asked for. */
    private long nextLeaseCheck = System.nanoTime();
    private boolean leader;

    @Inject
    Poller poller;

    void start(@Observes StartupEvent event) {
        owner = hostName() + ":" + httpPort;
        poller.every("outbox relay", pollInterval, this::publishPending);
    }

    Uni<Void> publishPending() {
        return holdLease()
                .chain(held -> held ? publishAll() : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> {
                    leader = false;
                    LOG.warnf("outbox relay: publishing failed, will retry: %s", e.getMessage());
                })
                .onFailure().recoverWithNull();
    }

    private Uni<Void> publishAll() {
        return publishBatch().chain(published -> published == batchSize
                ? holdLease().chain(held -> held ? publishAll() : Uni.createFrom().voidItem())
                : Uni.createFrom().voidItem());
    }

    /**
     * Takes or renews the lease when a third of it has passed since the last check; true while
     * this replica holds it.
     */
    private Uni<Boolean> holdLease() {
        long now = System.nanoTime();
        if (now - nextLeaseCheck < 0) {
            return Uni.createFrom().item(leader);
        }
        nextLeaseCheck = now + lease.toNanos() / 3;
        return pool.preparedQuery("""
                        insert into outbox_relay_lease (id, owner, until) values (1, $1, now() + make_interval(secs => $2))
                        on conflict (id) do update set owner = excluded.owner, until = excluded.until
                        where outbox_relay_lease.owner = excluded.owner or outbox_relay_lease.until < now()
                        returning owner""")
                .execute(Tuple.of(owner, lease.toMillis() / 1000.0))
                .map(rows -> {
                    leader = rows.size() == 1;
                    return leader;
                });
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME"); // the pod's name on Kubernetes
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    Uni<Integer> publishBatch() {
        return pool.preparedQuery("select id, topic, record_key, payload, traceparent from outbox order by bulk, id limit $1")
                .execute(Tuple.of(batchSize))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0)
                        : send(rows).chain(this::delete).replaceWith(rows.size()));
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

    private Uni<Void> delete(List<Long> ids) {
        return pool.preparedQuery("delete from outbox where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid();
    }
}

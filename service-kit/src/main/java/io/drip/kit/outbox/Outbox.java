package io.drip.kit.outbox;

import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Adds records to the outbox inside the caller's transaction, so that state and the records
 * announcing it commit together or not at all; each row keeps the trace context it was written in.
 */
@ApplicationScoped
public class Outbox {

    /**
     * A record to add with {@link #addAll}.
     *
     * @param traceparent the trace the record continues; null: the current one
     */
    public record Entry(String topic, String key, Object message, String traceparent) {
        public Entry(String topic, String key, Object message) {
            this(topic, key, message, null);
        }
    }

    /**
     * The W3C traceparent of the current span (null outside any trace), for state that is acted on
     * later, outside this trace (a queued message, a registered link), and whose records should
     * continue it: store it, and hand it back with {@link Entry#traceparent()} or
     * {@link #add(SqlClient, String, String, Object, String)}.
     */
    public static String currentTraceparent() {
        return TraceContext.current();
    }

    /** Adds many records in one round trip. */
    public Uni<Void> addAll(SqlClient tx, List<Entry> entries) {
        return insert(tx, entries, false);
    }

    /**
     * Adds the records of a bulk change (an import of 100 000 contacts) to the bulk lane: the
     * relay publishes them after every record of the normal lane, so a bulk change never delays
     * an opt-out. Only for records that may overtake each other, such as versioned snapshots on
     * a compacted topic whose consumers ignore older versions.
     */
    public Uni<Void> addBulk(SqlClient tx, List<Entry> entries) {
        return insert(tx, entries, true);
    }

    /**
     * Drops the unpublished bulk-lane records of a key, e.g. before the erasure tombstone of a
     * contact, which would otherwise be overtaken by an older snapshot still in the bulk lane.
     */
    public Uni<Void> discardBulk(SqlClient tx, String key) {
        return tx.preparedQuery("delete from outbox where record_key = $1 and bulk").execute(Tuple.of(key))
                .replaceWithVoid();
    }

    /** One statement (one round trip) however many records, inserted in list order. */
    private static Uni<Void> insert(SqlClient tx, List<Entry> entries, boolean bulk) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] topics = entries.stream().map(Entry::topic).toArray(String[]::new);
        String[] keys = entries.stream().map(Entry::key).toArray(String[]::new);
        String[] payloads = entries.stream().map(e -> e.message() == null ? null : MessageJson.write(e.message()))
                .toArray(String[]::new);
        String current = TraceContext.current();
        String[] traces = entries.stream().map(e -> e.traceparent() == null ? current : e.traceparent())
                .toArray(String[]::new);
        return tx.preparedQuery("""
                        insert into outbox (topic, record_key, payload, bulk, traceparent)
                        select t, k, p, $4, tp
                        from unnest($1::text[], $2::text[], $3::text[], $5::text[]) with ordinality as r(t, k, p, tp, n)
                        order by n""")
                .execute(Tuple.tuple().addArrayOfString(topics).addArrayOfString(keys).addArrayOfString(payloads)
                        .addBoolean(bulk).addArrayOfString(traces))
                .replaceWithVoid();
    }

    public Uni<Void> add(SqlClient tx, String topic, String key, Object message) {
        return add(tx, topic, key, message, null);
    }

    /** Adds a record that continues the given trace (null: the current one). */
    public Uni<Void> add(SqlClient tx, String topic, String key, Object message, String traceparent) {
        String payload = message == null ? null : MessageJson.write(message);
        return tx.preparedQuery("insert into outbox (topic, record_key, payload, traceparent) values ($1, $2, $3, $4)")
                .execute(Tuple.of(topic, key, payload, traceparent == null ? TraceContext.current() : traceparent))
                .replaceWithVoid();
    }
}

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

    /** A record to add with {@link #addAll}. */
    public record Entry(String topic, String key, Object message) {
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
        return tx.preparedQuery("""
                        insert into outbox (topic, record_key, payload, bulk, traceparent)
                        select t, k, p, $4, $5 from unnest($1::text[], $2::text[], $3::text[]) with ordinality as r(t, k, p, n)
                        order by n""")
                .execute(Tuple.tuple().addArrayOfString(topics).addArrayOfString(keys).addArrayOfString(payloads)
                        .addBoolean(bulk).addString(TraceContext.current()))
                .replaceWithVoid();
    }

    public Uni<Void> add(SqlClient tx, String topic, String key, Object message) {
        String payload = message == null ? null : MessageJson.write(message);
        return tx.preparedQuery("insert into outbox (topic, record_key, payload, traceparent) values ($1, $2, $3, $4)")
                .execute(Tuple.of(topic, key, payload, TraceContext.current()))
                .replaceWithVoid();
    }
}

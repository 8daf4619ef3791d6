package io.drip.kit.outbox;

import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Adds records to the outbox inside the caller's transaction, so that state and the records
 * announcing it commit together or not at all.
 */
@ApplicationScoped
public class Outbox {

    /** A record to add with {@link #addAll}. */
    public record Entry(String topic, String key, Object message) {
    }

    /** Adds many records in one round trip (bulk changes such as imports). */
    public Uni<Void> addAll(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("insert into outbox (topic, record_key, payload) values ($1, $2, $3)")
                .executeBatch(entries.stream().map(e -> Tuple.of(e.topic(), e.key(),
                        e.message() == null ? null : MessageJson.write(e.message()))).toList())
                .replaceWithVoid();
    }

    public Uni<Void> add(SqlClient tx, String topic, String key, Object message) {
        String payload = message == null ? null : MessageJson.write(message);
        return tx.preparedQuery("insert into outbox (topic, record_key, payload) values ($1, $2, $3)")
                .execute(Tuple.of(topic, key, payload))
                .replaceWithVoid();
    }
}

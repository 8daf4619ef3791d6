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

    public Uni<Void> add(SqlClient tx, String topic, String key, Object message) {
        String payload = message == null ? null : MessageJson.write(message);
        return tx.preparedQuery("insert into outbox (topic, record_key, payload) values ($1, $2, $3)")
                .execute(Tuple.of(topic, key, payload))
                .replaceWithVoid();
    }

    /**
     * Adds one record per message, all on {@code topic}, in one statement (one round trip however
     * many there are), in list order; {@code keys.get(i)} is the key of {@code messages.get(i)}.
     */
    public Uni<Void> addAll(SqlClient tx, String topic, List<String> keys, List<?> messages) {
        String[] payloads = messages.stream().map(m -> m == null ? null : MessageJson.write(m)).toArray(String[]::new);
        return tx.preparedQuery("""
                        insert into outbox (topic, record_key, payload)
                        select $1, k, p from unnest($2::text[], $3::text[]) with ordinality as r(k, p, n) order by n""")
                .execute(Tuple.tuple().addString(topic).addArrayOfString(keys.toArray(new String[0])).addArrayOfString(payloads))
                .replaceWithVoid();
    }
}

package io.drip.dispatch.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Numbers a provider refused for good; sends to them are suppressed with reason undeliverable. */
@ApplicationScoped
public class UndeliverableNumbers {
    public static final String REASON = "number_undeliverable";

    public Uni<Void> mark(SqlClient tx, String phone, String reason, String provider, Instant at) {
        return tx.preparedQuery("""
                        insert into undeliverable_number (phone, reason, provider, at) values ($1, $2, $3, $4)
                        on conflict (phone) do update set reason = excluded.reason, provider = excluded.provider, at = excluded.at""")
                .execute(Tuple.of(phone, reason, provider, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Why each of these numbers is undeliverable, for those that are. */
    public Uni<Map<String, String>> findAll(SqlClient tx, Collection<String> phones) {
        return tx.preparedQuery("select phone, reason from undeliverable_number where phone = any($1)")
                .execute(Tuple.of(phones.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("phone"), row.getString("reason")));
                    return found;
                });
    }
}

package io.drip.dispatch.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

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

    /** Why the number is undeliverable, if it is. */
    public Uni<Optional<String>> find(SqlClient tx, String phone) {
        return tx.preparedQuery("select reason from undeliverable_number where phone = $1")
                .execute(Tuple.of(phone))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("reason")));
    }
}

package io.drip.kit.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The idempotent-consumer check: has the record with this id been applied already? */
@ApplicationScoped
public class ProcessedRecords {

    /**
     * Marks {@code id} as processed inside the caller's transaction; true the first time, false
     * for a redelivery, which the caller then skips.
     */
    public Uni<Boolean> markFirstTime(SqlClient tx, String id) {
        return tx.preparedQuery("insert into processed_record (id) values ($1) on conflict do nothing")
                .execute(Tuple.of(id))
                .map(result -> result.rowCount() == 1);
    }
}

package io.drip.kit.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Marks the ids of many records in one round trip inside the caller's transaction; returns the
     * records seen for the first time, in their order (a record twice in {@code records} is
     * returned at its first place), which the caller applies; the others are redeliveries.
     */
    public <T> Uni<List<T>> firstTime(SqlClient tx, List<T> records, Function<T, String> idOf) {
        List<String> ids = records.stream().map(idOf).toList();
        return tx.preparedQuery("insert into processed_record (id) select distinct unnest($1::text[]) "
                        + "on conflict do nothing returning id")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Set<String> first = new HashSet<>();
                    rows.forEach(row -> first.add(row.getString("id")));
                    return records.stream().filter(record -> first.remove(idOf.apply(record))).toList();
                });
    }
}

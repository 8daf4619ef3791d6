package io.drip.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a service's own PostgreSQL tables in tests that assert what is stored, not only what an API shows. */
public final class Rows {

    private Rows() {
    }

    public static List<Row> of(Pool pool, String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    /** The number a {@code select count(*)} query gives. */
    public static long count(Pool pool, String sql, Object... params) {
        return of(pool, sql, params).get(0).getLong(0);
    }
}

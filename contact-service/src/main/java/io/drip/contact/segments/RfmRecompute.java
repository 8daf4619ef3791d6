package io.drip.contact.segments;

import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled RFM recompute, in two steps so it holds neither the contacts in memory nor their
 * locks for long: the quintile boundaries across all contacts with orders, computed by PostgreSQL
 * and kept; then the contacts in chunks of {@link RfmConfig#chunkSize()} (by id, one short
 * transaction each), each scored against those boundaries as an order between recomputes is. A
 * contact's score from the boundaries equals {@code ceil(cume_dist × 5)}: a score is above k exactly
 * when the value is above the highest value that scored k or less.
 */
@ApplicationScoped
public class RfmRecompute {

    /** The highest value of each dimension that scored k or less, for k 1 to 4 (none without orders). */
    private static final String BOUNDARIES = """
            with stats as (
              select o.contact_id, count(*) as orders, sum(o.revenue) as revenue, max(o.at) as last_order_at
              from order_event o join contact c on c.id = o.contact_id group by o.contact_id),
            scored as (
              select s.*,
                ceil(cume_dist() over (order by last_order_at) * 5) as r,
                ceil(cume_dist() over (order by orders) * 5) as f,
                ceil(cume_dist() over (order by revenue) * 5) as m
              from stats s)
            select k, max(last_order_at) filter (where r <= k) as last_order_at,
              max(orders) filter (where f <= k)::int as orders, max(revenue) filter (where m <= k) as revenue
            from generate_series(1, 4) k cross join scored group by k order by k""";

    /** The next chunk of contacts with orders, after $1 by id. */
    static final String NEXT_CHUNK = """
            select distinct contact_id from order_event where contact_id > $1 order by contact_id limit $2""";

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    RfmConfig config;

    @Inject
    RfmScores scores;

    void start(@Observes StartupEvent event) {
        // a recompute of a large shop's year runs for minutes: it is abandoned only when the next is due
        poller.every("rfm", config.every(), config.every(), () -> recompute().replaceWithVoid());
    }

    /** Recomputes every score; returns how many contacts' scores changed. */
    public Uni<Integer> recompute() {
        return recompute(config.chunkSize());
    }

    Uni<Integer> recompute(int chunkSize) {
        Instant now = Instant.now();
        return pool.query(BOUNDARIES).execute()
                .chain(rows -> pool.withTransaction(tx -> keep(tx, rows)))
                .chain(() -> chunksAfter("", chunkSize, now, 0));
    }

    private static Uni<Void> keep(SqlClient tx, Iterable<Row> boundaries) {
        List<Integer> ks = new ArrayList<>();
        List<OffsetDateTime> lastOrders = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        List<String> revenues = new ArrayList<>();
        boundaries.forEach(row -> {
            ks.add(row.getInteger("k"));
            lastOrders.add(row.getOffsetDateTime("last_order_at"));
            orders.add(row.getInteger("orders"));
            revenues.add(row.getBigDecimal("revenue") == null ? null : row.getBigDecimal("revenue").toPlainString());
        });
        return tx.query("delete from rfm_boundary").execute()
                .chain(() -> tx.preparedQuery("""
                        insert into rfm_boundary (score, last_order_at, orders, revenue)
                        select * from unnest($1::int[], $2::timestamptz[], $3::int[], $4::text[]::numeric[])""")
                        .execute(Tuple.of(ks.toArray(new Integer[0]), lastOrders.toArray(new OffsetDateTime[0]),
                                orders.toArray(new Integer[0]), revenues.toArray(new String[0]))))
                .replaceWithVoid();
    }

    private Uni<Integer> chunksAfter(String after, int chunkSize, Instant now, int changed) {
        List<String> ids = new ArrayList<>();
        return pool.withTransaction(tx -> tx.preparedQuery(NEXT_CHUNK).execute(Tuple.of(after, chunkSize))
                        .invoke(rows -> rows.forEach(row -> ids.add(row.getString("contact_id"))))
                        .chain(() -> scores.rescore(tx, ids, now.atOffset(ZoneOffset.UTC))))
                .chain(inChunk -> ids.size() < chunkSize ? Uni.createFrom().item(changed + inChunk)
                        : chunksAfter(ids.get(ids.size() - 1), chunkSize, now, changed + inChunk));
    }
}

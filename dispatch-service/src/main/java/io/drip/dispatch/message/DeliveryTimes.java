package io.drip.dispatch.message;

import io.drip.kit.web.Every;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's figures over time: the selected messages by status, per bucket of their creation
 * time (a campaign's progress from pending to sent to delivered), and how long delivered messages
 * took from sent to delivered, as a distribution.
 */
final class DeliveryTimes {
    /** Upper bounds, in seconds, of the sent-to-delivered buckets; the last bucket has none. */
    static final int[] BOUNDS = {1, 2, 5, 10, 30, 60, 300};

    private DeliveryTimes() {
    }

    /** The messages created in one bucket ({@code at}: its start), by their status now. */
    public record Bucket(Instant at, long messages, Map<String, Long> byStatus) {
    }

    /** Delivered messages that took more than the previous bound and at most {@code upTo} seconds (null: no bound). */
    public record Duration(Integer upTo, long messages) {
    }

    static Uni<List<Bucket>> byStatus(SqlClient db, String filter, Tuple parameters, Every every) {
        // the unit comes from the Every enum, never from the request's text
        return db.preparedQuery("select date_trunc('" + every.unit() + "', created_at) as at, status, count(*) as n"
                        + " from outgoing_message where " + filter + " group by 1, 2 order by 1")
                .execute(parameters)
                .map(rows -> {
                    Map<Instant, Map<String, Long>> buckets = new TreeMap<>();
                    for (Row row : rows) {
                        buckets.computeIfAbsent(row.getOffsetDateTime("at").toInstant(), at -> new TreeMap<>())
                                .put(row.getString("status"), row.getLong("n"));
                    }
                    List<Bucket> series = new ArrayList<>();
                    buckets.forEach((at, statuses) -> series.add(new Bucket(at,
                            statuses.values().stream().mapToLong(Long::longValue).sum(), statuses)));
                    return series;
                });
    }

    static Uni<List<Duration>> toDelivered(SqlClient db, String filter, Tuple parameters) {
        StringBuilder bucket = new StringBuilder("case");
        for (int i = 0; i < BOUNDS.length; i++) {
            bucket.append(" when s <= ").append(BOUNDS[i]).append(" then ").append(i);
        }
        bucket.append(" else ").append(BOUNDS.length).append(" end");
        return db.preparedQuery("select " + bucket + " as bucket, count(*) as n from (select extract(epoch from"
                        + " delivered_at - sent_at) as s from outgoing_message where status = 'delivered' and " + filter
                        + ") d group by 1")
                .execute(parameters)
                .map(rows -> {
                    long[] counts = new long[BOUNDS.length + 1];
                    rows.forEach(row -> counts[row.getInteger("bucket")] = row.getLong("n"));
                    List<Duration> distribution = new ArrayList<>();
                    for (int i = 0; i < counts.length; i++) {
                        distribution.add(new Duration(i < BOUNDS.length ? BOUNDS[i] : null, counts[i]));
                    }
                    return distribution;
                });
    }
}

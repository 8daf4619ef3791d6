package io.drip.console.deliveries;

import io.drip.console.api.DeliveryReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's messages by status over time as a table: a row per bucket, a column per status
 * met (in the order a message goes through them), each cell the API's count.
 */
public record StatusTimeline(List<String> statuses, List<Row> rows) {
    private static final List<String> ORDER = List.of("pending", "sending", "sent", "delivered", "undelivered", "failed",
            "suppressed");

    /** {@code counts}: one per status of {@link #statuses()}, in that order. */
    public record Row(String at, long messages, List<Cell> counts) {
    }

    public record Cell(String status, long count) {
    }

    public static StatusTimeline of(List<DeliveryReport.Bucket> buckets) {
        Set<String> met = new TreeSet<>((a, b) -> Integer.compare(rank(a), rank(b)) != 0
                ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        buckets.forEach(bucket -> met.addAll(bucket.byStatus().keySet()));
        List<String> statuses = List.copyOf(met);
        List<Row> rows = new ArrayList<>();
        for (DeliveryReport.Bucket bucket : buckets) {
            Map<String, Long> byStatus = bucket.byStatus();
            rows.add(new Row(bucket.at(), bucket.messages(),
                    statuses.stream().map(s -> new Cell(s, byStatus.getOrDefault(s, 0L))).toList()));
        }
        return new StatusTimeline(statuses, rows);
    }

    private static int rank(String status) {
        int rank = ORDER.indexOf(status);
        return rank < 0 ? ORDER.size() : rank;
    }
}

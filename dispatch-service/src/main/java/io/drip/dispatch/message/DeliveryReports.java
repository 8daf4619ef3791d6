package io.drip.dispatch.message;

import io.drip.kit.web.Every;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery report of the messages a filter selects (journey, step, provider, period of
 * creation): counts by status, failure reason, provider, country, region and carrier, and of the
 * messages still queued, why they wait (quiet_hours, no_marketing_day...); segments sent (an MMS
 * counts one), how many of the sent were MMS, and their cost by currency; time from sent to delivered (percentiles and a distribution); the share of sent
 * messages delivered within 10 seconds; the messages by status over time ({@link DeliveryTimes}).
 */
@ApplicationScoped
public class DeliveryReports {
    private static final String FILTER = """
            ($1::text is null or journey_id = $1) and ($2::text is null or step_id = $2)
            and ($3::text is null or provider = $3) and ($4::timestamptz is null or created_at >= $4)
            and ($5::timestamptz is null or created_at < $5)""";

    /** Which messages. */
    public record Filter(String journey, String step, String provider, Instant from, Instant to) {
        Tuple tuple() {
            return Tuple.of(journey, step, provider, from == null ? null : from.atOffset(ZoneOffset.UTC),
                    to == null ? null : to.atOffset(ZoneOffset.UTC));
        }
    }

    /** Seconds from sent to delivered. */
    public record Latency(Double p50, Double p90, Double p99) {
    }

    /**
     * {@code mms}: how many of the sent messages were MMS; {@code cost}: what the sent messages
     * whose cost is known cost, by currency (ISO 4217); {@code every}: the width of the
     * {@code overTime} buckets (minute, hour or day).
     */
    public record Report(Filter filter, long messages, long segments, long mms, Map<String, BigDecimal> cost,
            Map<String, Map<String, Long>> counts, Latency timeToDelivered, Double deliveredWithin10s,
            List<DeliveryTimes.Duration> timesToDelivered, String every, List<DeliveryTimes.Bucket> overTime) {
    }

    public Uni<Report> report(SqlClient db, Filter filter, Every every) {
        Uni<Map<String, Map<String, Long>>> counts = db.preparedQuery("with m as (select * from outgoing_message where "
                        + FILTER + ")" + """
                        select 'byStatus' as dim, status as key, count(*) as n from m group by status
                        union all select 'byReason', reason, count(*) from m where reason is not null group by reason
                        union all select 'byProvider', provider, count(*) from m where provider is not null group by provider
                        union all select 'byCountry', country, count(*) from m where country is not null group by country
                        union all select 'byRegion', region, count(*) from m where region is not null group by region
                        union all select 'byCarrier', carrier, count(*) from m where carrier is not null group by carrier
                        union all select 'byQueuedReason', q.reason, count(*) from m join lateral (
                            select reason from message_event e where e.message_id = m.message_id order by e.id desc limit 1) q
                          on true where m.status = 'pending' and q.reason is not null group by q.reason""")
                .execute(filter.tuple())
                .map(rows -> {
                    Map<String, Map<String, Long>> byDimension = new TreeMap<>();
                    for (String dim : new String[] {"byStatus", "byReason", "byProvider", "byCountry", "byRegion", "byCarrier",
                            "byQueuedReason"}) {
                        byDimension.put(dim, new TreeMap<>());
                    }
                    rows.forEach(row -> byDimension.get(row.getString("dim")).put(row.getString("key"), row.getLong("n")));
                    return byDimension;
                });
        Uni<Row> totals = db.preparedQuery("""
                        select count(*) as messages, coalesce(sum(segments) filter (where sent_at is not null), 0) as segments,
                          count(*) filter (where sent_at is not null and command->'media' is not null) as mms,
                          percentile_cont(0.5) within group (order by extract(epoch from delivered_at - sent_at))
                            filter (where status = 'delivered') as p50,
                          percentile_cont(0.9) within group (order by extract(epoch from delivered_at - sent_at))
                            filter (where status = 'delivered') as p90,
                          percentile_cont(0.99) within group (order by extract(epoch from delivered_at - sent_at))
                            filter (where status = 'delivered') as p99,
                          (count(*) filter (where status = 'delivered' and delivered_at - sent_at <= interval '10 seconds'))::float8
                            / nullif(count(*) filter (where sent_at is not null), 0) as within_10s
                        from outgoing_message where """ + FILTER)
                .execute(filter.tuple())
                .map(rows -> rows.iterator().next());
        Uni<Map<String, BigDecimal>> cost = db.preparedQuery("select cost_currency, sum(cost) as amount from outgoing_message where "
                        + FILTER + " and cost is not null group by cost_currency")
                .execute(filter.tuple())
                .map(rows -> {
                    Map<String, BigDecimal> byCurrency = new TreeMap<>();
                    rows.forEach(row -> byCurrency.put(row.getString("cost_currency"), row.getBigDecimal("amount")));
                    return byCurrency;
                });
        Uni<List<DeliveryTimes.Duration>> durations = DeliveryTimes.toDelivered(db, FILTER, filter.tuple());
        Uni<List<DeliveryTimes.Bucket>> overTime = DeliveryTimes.byStatus(db, FILTER, filter.tuple(), every);
        return Uni.combine().all().unis(counts, totals, cost, durations, overTime).asTuple().map(all -> {
            Row row = all.getItem2();
            return new Report(filter, row.getLong("messages"), row.getLong("segments"), row.getLong("mms"), all.getItem3(),
                    all.getItem1(),
                    new Latency(row.getDouble("p50"), row.getDouble("p90"), row.getDouble("p99")), row.getDouble("within_10s"),
                    all.getItem4(), every.unit(), all.getItem5());
        });
    }
}

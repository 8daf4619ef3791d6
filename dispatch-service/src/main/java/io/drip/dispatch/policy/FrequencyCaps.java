package io.drip.dispatch.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marketing frequency caps per contact: at most {@code per-day} in a rolling day, at most
 * {@code per-30-days} in a rolling 30 days, and at least {@code min-gap} between two messages
 * (0 turns a rule off). Transactional messages are neither capped nor counted.
 */
@ApplicationScoped
public class FrequencyCaps {
    public static final String DAILY = "cap_daily";
    public static final String MONTHLY = "cap_30_days";
    public static final String MIN_GAP = "cap_min_gap";

    @ConfigProperty(name = "drip.dispatch.caps.per-day")
    int perDay;

    @ConfigProperty(name = "drip.dispatch.caps.per-30-days")
    int per30Days;

    @ConfigProperty(name = "drip.dispatch.caps.min-gap")
    Duration minGap;

    /**
     * The marketing usage of these contacts now, in two round trips. Messages being sent count
     * too, and the read holds a per-contact lock until the caller's transaction ends, so two
     * lanes or replicas cannot both pass a cap with the same contact's messages. The locks are
     * taken in one order by every caller, so two batches never wait on each other in a circle.
     */
    public Uni<Map<String, CapUsage>> usage(SqlClient tx, Collection<String> contactIds, Instant now) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ids = contactIds.stream().distinct().toArray(String[]::new);
        return tx.preparedQuery("""
                        select pg_advisory_xact_lock(h)
                        from (select distinct hashtext(c) as h from unnest($1::text[]) c order by h) contact_locks""")
                .execute(Tuple.of(ids))
                .chain(() -> tx.preparedQuery("""
                        select contact_id, count(*) filter (where coalesce(sent_at, sending_since) > $2) as last_day,
                          count(*) as last_30_days, max(coalesce(sent_at, sending_since)) as last_sent
                        from outgoing_message
                        where contact_id = any($1) and category = 'marketing' and coalesce(sent_at, sending_since) > $3
                        group by contact_id""")
                .execute(Tuple.of(ids, utc(now.minus(Duration.ofDays(1))), utc(now.minus(Duration.ofDays(30))))))
                .map(rows -> {
                    Map<String, CapUsage> usage = new HashMap<>();
                    rows.forEach(row -> {
                        OffsetDateTime last = row.getOffsetDateTime("last_sent");
                        usage.put(row.getString("contact_id"), new CapUsage(row.getLong("last_day"),
                                row.getLong("last_30_days"), last == null ? null : last.toInstant()));
                    });
                    return usage;
                });
    }

    /** The cap one more marketing message would break now, if any. */
    public Optional<String> breached(CapUsage usage, Instant now) {
        if (perDay > 0 && usage.lastDay() >= perDay) {
            return Optional.of(DAILY);
        }
        if (per30Days > 0 && usage.last30Days() >= per30Days) {
            return Optional.of(MONTHLY);
        }
        if (!minGap.isZero() && usage.lastSent() != null && usage.lastSent().plus(minGap).isAfter(now)) {
            return Optional.of(MIN_GAP);
        }
        return Optional.empty();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

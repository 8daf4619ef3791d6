package io.drip.dispatch.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
     * The cap a marketing message to this contact would break now, if any. Messages being sent
     * count too, and the check holds a per-contact lock until the caller's transaction ends, so
     * two lanes or replicas cannot both pass the cap with the same contact's messages.
     */
    public Uni<Optional<String>> breached(SqlClient tx, String contactId, Instant now) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(contactId))
                .chain(() -> tx.preparedQuery("""
                        select count(*) filter (where coalesce(sent_at, sending_since) > $2) as last_day,
                          count(*) as last_30_days, max(coalesce(sent_at, sending_since)) as last_sent
                        from outgoing_message
                        where contact_id = $1 and category = 'marketing' and coalesce(sent_at, sending_since) > $3""")
                .execute(Tuple.of(contactId, utc(now.minus(Duration.ofDays(1))), utc(now.minus(Duration.ofDays(30))))))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime last = row.getOffsetDateTime("last_sent");
                    if (perDay > 0 && row.getLong("last_day") >= perDay) {
                        return Optional.of(DAILY);
                    }
                    if (per30Days > 0 && row.getLong("last_30_days") >= per30Days) {
                        return Optional.of(MONTHLY);
                    }
                    if (!minGap.isZero() && last != null && last.toInstant().plus(minGap).isAfter(now)) {
                        return Optional.of(MIN_GAP);
                    }
                    return Optional.empty();
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.drip.dispatch.policy;

import io.drip.contracts.SendCommand;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marketing frequency caps per contact: at most {@code per-day} in a rolling day, at most
 * {@code per-30-days} in a rolling 30 days, at least {@code min-gap} between two messages (0 turns
 * a rule off), and the caps per tag ({@link CapsConfig#tags()}): at most {@code max} messages
 * with the same tag in {@code per}, and {@code urgent} more for messages that also carry the tag
 * {@code urgent}. Transactional messages are neither capped nor counted.
 */
@ApplicationScoped
public class FrequencyCaps {
    public static final String DAILY = "cap_daily";
    public static final String MONTHLY = "cap_30_days";
    public static final String MIN_GAP = "cap_min_gap";
    /** The reason of a message over a cap per tag is this prefix and the tag's name: cap_tag:abandoned_cart. */
    public static final String TAG = "cap_tag:";

    private final CapsConfig config;
    /** How far back the caps per tag look: their longest window. */
    private final Duration tagWindow;

    public FrequencyCaps(CapsConfig config) {
        this.config = config;
        this.tagWindow = config.tags().values().stream().map(CapsConfig.TagCap::per).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /**
     * The marketing usage of these contacts now, in three round trips. Messages being sent count
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
                                row.getLong("last_30_days"), last == null ? null : last.toInstant(), List.of()));
                    });
                    return usage;
                })
                .chain(usage -> withTagged(tx, ids, usage, now));
    }

    /** Adds the contacts' messages with tags within the caps per tag's longest window (none without such caps). */
    private Uni<Map<String, CapUsage>> withTagged(SqlClient tx, String[] ids, Map<String, CapUsage> usage, Instant now) {
        if (tagWindow.isZero()) {
            return Uni.createFrom().item(usage);
        }
        return tx.preparedQuery("""
                        select contact_id, coalesce(sent_at, sending_since) as at, tags from outgoing_message
                        where contact_id = any($1) and category = 'marketing' and tags <> '{}'
                          and coalesce(sent_at, sending_since) > $2""")
                .execute(Tuple.of(ids, utc(now.minus(tagWindow))))
                .map(rows -> {
                    Map<String, List<CapUsage.Tagged>> tagged = new HashMap<>();
                    rows.forEach(row -> tagged.computeIfAbsent(row.getString("contact_id"), c -> new ArrayList<>())
                            .add(new CapUsage.Tagged(row.getOffsetDateTime("at").toInstant(),
                                    Arrays.asList(row.getArrayOfStrings("tags")))));
                    tagged.forEach((contact, messages) -> usage.put(contact,
                            usage.getOrDefault(contact, CapUsage.NONE).withTagged(messages)));
                    return usage;
                });
    }

    /** The cap one more marketing message with these tags would break now, if any. */
    public Optional<String> breached(CapUsage usage, List<String> tags, Instant now) {
        if (config.perDay() > 0 && usage.lastDay() >= config.perDay()) {
            return Optional.of(DAILY);
        }
        if (config.per30Days() > 0 && usage.last30Days() >= config.per30Days()) {
            return Optional.of(MONTHLY);
        }
        Duration minGap = config.minGap();
        if (!minGap.isZero() && usage.lastSent() != null && usage.lastSent().plus(minGap).isAfter(now)) {
            return Optional.of(MIN_GAP);
        }
        boolean urgent = tags.contains(SendCommand.URGENT);
        for (String tag : tags) {
            String name = name(tag);
            CapsConfig.TagCap cap = config.tags().get(name);
            if (cap != null && usage.sentWith(tag, now.minus(cap.per())) >= cap.max() + (urgent ? cap.urgent() : 0)) {
                return Optional.of(TAG + name);
            }
        }
        return Optional.empty();
    }

    /** A tag's name: {@code promo} of {@code promo:shoes}. */
    private static String name(String tag) {
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(0, colon);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.drip.contact.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * RFM from {@code Order Completed} events: per contact with orders, recency (last order),
 * frequency (orders) and monetary (revenue) scores 1-5 by quintile across all such contacts
 * (ties share a score: {@code ceil(cume_dist × 5)}), and the named segment. Recomputed every
 * {@code drip.rfm.every}, which also keeps the quintile boundaries; in between, each new order
 * rescores its contact at once against those boundaries. Contacts whose scores changed are
 * re-evaluated for segments.
 */
@ApplicationScoped
public class RfmScores {
    public static final String ORDER_COMPLETED = "Order Completed";

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @ConfigProperty(name = "drip.rfm.every")
    Duration every;

    void start(@Observes StartupEvent event) {
        poller.every("rfm", every, () -> recompute().replaceWithVoid());
    }

    /**
     * Records an order of a contact (revenue is the event's revenue, else total, else value, else 0)
     * and rescores the contact.
     */
    public Uni<Void> recordOrder(SqlClient tx, String contactId, SegmentMessage order) {
        return tx.preparedQuery("insert into order_event (message_id, contact_id, revenue, at) values ($1, $2, $3, $4) on conflict do nothing")
                .execute(Tuple.of(order.messageId(), contactId, revenue(order.properties()), order.timestamp().atOffset(ZoneOffset.UTC)))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem() : rescore(tx, contactId));
    }

    /**
     * Scores one known contact's orders against the last recompute's boundaries: a value above the
     * highest value that scored k scores more than k. Before the first recompute (no boundaries) the
     * contact waits for it.
     */
    private Uni<Void> rescore(SqlClient tx, String contactId) {
        return tx.preparedQuery("""
                        with stats as (
                          select count(*)::int as orders, sum(revenue) as revenue, max(at) as last_order_at
                          from order_event where contact_id = $1 and exists (select 1 from contact where id = $1))
                        select s.*,
                          1 + (select count(*) from rfm_boundary b where b.last_order_at is null or s.last_order_at > b.last_order_at)::int as r,
                          1 + (select count(*) from rfm_boundary b where b.orders is null or s.orders > b.orders)::int as f,
                          1 + (select count(*) from rfm_boundary b where b.revenue is null or s.revenue > b.revenue)::int as m
                        from stats s
                        where s.orders > 0 and (select count(*) from rfm_boundary) = 4""")
                .execute(Tuple.of(contactId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row row = rows.iterator().next();
                    int r = row.getInteger("r");
                    int f = row.getInteger("f");
                    int m = row.getInteger("m");
                    return save(tx, List.of(Tuple.from(new Object[] {contactId, r, f, m, RfmSegments.name(r, f),
                            row.getInteger("orders"), row.getBigDecimal("revenue"), row.getOffsetDateTime("last_order_at"),
                            Instant.now().atOffset(ZoneOffset.UTC)})))
                            // the named segment, the revenue or the order count may change a segment
                            .chain(() -> reevaluate(tx, List.of(contactId)));
                });
    }

    static BigDecimal revenue(ObjectNode properties) {
        for (String field : List.of("revenue", "total", "value")) {
            JsonNode value = properties == null ? null : properties.get(field);
            if (value != null && (value.isNumber() || value.isTextual())) {
                try {
                    return new BigDecimal(value.asText().trim());
                } catch (NumberFormatException e) {
                    // not a number: try the next field
                }
            }
        }
        return BigDecimal.ZERO;
    }

    /** Recomputes every score; returns how many contacts' scores changed. */
    public Uni<Integer> recompute() {
        Instant now = Instant.now();
        return pool.withTransaction(tx -> tx.query("""
                        with stats as (
                          select o.contact_id, count(*) as orders, sum(o.revenue) as revenue, max(o.at) as last_order_at
                          from order_event o join contact c on c.id = o.contact_id group by o.contact_id),
                        scored as (
                          select s.*,
                            least(5, greatest(1, ceil(cume_dist() over (order by last_order_at) * 5)))::int as r,
                            least(5, greatest(1, ceil(cume_dist() over (order by orders) * 5)))::int as f,
                            least(5, greatest(1, ceil(cume_dist() over (order by revenue) * 5)))::int as m
                          from stats s)
                        select s.*, old.recency, old.frequency, old.monetary, old.orders as old_orders, old.revenue as old_revenue
                        from scored s left join contact_rfm old on old.contact_id = s.contact_id""")
                .execute()
                .chain(rows -> {
                    List<Tuple> changed = new ArrayList<>();
                    rows.forEach(row -> {
                        int r = row.getInteger("r");
                        int f = row.getInteger("f");
                        int m = row.getInteger("m");
                        boolean same = Integer.valueOf(r).equals(row.getInteger("recency"))
                                && Integer.valueOf(f).equals(row.getInteger("frequency"))
                                && Integer.valueOf(m).equals(row.getInteger("monetary"))
                                && Long.valueOf(row.getLong("orders")).equals(Optional.ofNullable(row.getInteger("old_orders")).map(Integer::longValue).orElse(null))
                                && row.getBigDecimal("revenue").equals(row.getBigDecimal("old_revenue"));
                        if (!same) {
                            changed.add(Tuple.from(new Object[] {row.getString("contact_id"), r, f, m, RfmSegments.name(r, f),
                                    row.getLong("orders").intValue(), row.getBigDecimal("revenue"),
                                    row.getOffsetDateTime("last_order_at"), now.atOffset(ZoneOffset.UTC)}));
                        }
                    });
                    Uni<Void> saved = changed.isEmpty() ? Uni.createFrom().voidItem()
                            : save(tx, changed).chain(() -> reevaluate(tx, changed.stream().map(t -> t.getString(0)).toList()));
                    return saved.chain(() -> keepBoundaries(tx)).replaceWith(changed.size());
                }));
    }

    private static Uni<Void> save(SqlClient tx, List<Tuple> scores) {
        return tx.preparedQuery("""
                        insert into contact_rfm (contact_id, recency, frequency, monetary, segment, orders, revenue, last_order_at, computed_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        on conflict (contact_id) do update set recency = excluded.recency, frequency = excluded.frequency,
                          monetary = excluded.monetary, segment = excluded.segment, orders = excluded.orders,
                          revenue = excluded.revenue, last_order_at = excluded.last_order_at, computed_at = excluded.computed_at""")
                .executeBatch(scores)
                .replaceWithVoid();
    }

    /** Makes the contacts due for segment evaluation, which publishes their snapshot if a segment changed. */
    private static Uni<Void> reevaluate(SqlClient tx, List<String> contactIds) {
        return tx.preparedQuery("update contact set segments_version = null where id = any($1)")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .replaceWithVoid();
    }

    /** The boundaries of the scores just computed (none while no contact has orders). */
    private static Uni<Void> keepBoundaries(SqlClient tx) {
        return tx.query("delete from rfm_boundary").execute()
                .chain(() -> tx.query("""
                        insert into rfm_boundary (score, last_order_at, orders, revenue)
                        select k, max(last_order_at) filter (where recency <= k), max(orders) filter (where frequency <= k),
                          max(revenue) filter (where monetary <= k)
                        from generate_series(1, 4) k cross join contact_rfm group by k""").execute())
                .replaceWithVoid();
    }

    /** The RFM of these contacts that have one, by contact id. */
    public Uni<Map<String, ObjectNode>> of(SqlClient db, List<String> contactIds) {
        return db.preparedQuery("select * from contact_rfm where contact_id = any($1)")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, ObjectNode> scores = new HashMap<>();
                    rows.forEach(row -> scores.put(row.getString("contact_id"), json(row)));
                    return scores;
                });
    }

    /** The contact's RFM as CEL and the API see it: {recency, frequency, monetary, segment, orders, revenue, lastOrderAt}. */
    public Uni<Optional<ObjectNode>> of(SqlClient db, String contactId) {
        return db.preparedQuery("select * from contact_rfm where contact_id = $1").execute(Tuple.of(contactId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(json(rows.iterator().next()));
                });
    }

    private static ObjectNode json(Row row) {
                    ObjectNode rfm = MessageJson.mapper().createObjectNode();
                    rfm.put("recency", row.getInteger("recency"));
                    rfm.put("frequency", row.getInteger("frequency"));
                    rfm.put("monetary", row.getInteger("monetary"));
                    rfm.put("segment", row.getString("segment"));
                    rfm.put("orders", row.getInteger("orders"));
                    rfm.put("revenue", row.getBigDecimal("revenue").doubleValue());
                    rfm.put("lastOrderAt", row.getOffsetDateTime("last_order_at").toInstant().toString());
                    return rfm;
    }
}

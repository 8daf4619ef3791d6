package io.drip.contact.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFM from {@code Order Completed} events: per contact with orders, recency (last order),
 * frequency (orders) and monetary (revenue) scores 1-5 by quintile across all such contacts
 * (ties share a score: {@code ceil(cume_dist × 5)}), and the named segment. Recomputed every
 * {@code drip.rfm.every}, which also keeps the quintile boundaries; in between, each new order
 * rescores its contact at once against those boundaries (RfmRecompute scores its chunks the same
 * way). Contacts whose scores changed are re-evaluated for segments.
 */
@ApplicationScoped
public class RfmScores {
    public static final String ORDER_COMPLETED = "Order Completed";

    /** The scores of contacts ($1) from their orders and the boundaries, with those they have. */
    static final String SCORES = """
            with stats as (
              select o.contact_id, count(*)::int as orders, sum(o.revenue) as revenue, max(o.at) as last_order_at
              from order_event o join contact c on c.id = o.contact_id
              where o.contact_id = any($1) group by o.contact_id)
            select s.*,
              1 + (select count(*) from rfm_boundary b where b.last_order_at is null or s.last_order_at > b.last_order_at)::int as r,
              1 + (select count(*) from rfm_boundary b where b.orders is null or s.orders > b.orders)::int as f,
              1 + (select count(*) from rfm_boundary b where b.revenue is null or s.revenue > b.revenue)::int as m,
              old.recency, old.frequency, old.monetary, old.orders as old_orders, old.revenue as old_revenue
            from stats s left join contact_rfm old on old.contact_id = s.contact_id
            where (select count(*) from rfm_boundary) = 4""";

    /**
     * Records an order of a contact (revenue is the event's revenue, else total, else value, else 0)
     * and rescores the contact.
     */
    /**
     * Records orders (each once, by message id) with one statement, and rescores the contacts
     * whose orders were new with another.
     *
     * @param contactIds the contact of each order (after aliases), in the same order
     */
    public Uni<Void> recordOrders(SqlClient tx, List<String> contactIds, List<SegmentMessage> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into order_event (message_id, contact_id, revenue, at)
                        select * from unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[])
                        on conflict do nothing returning contact_id""")
                .execute(Tuple.of(orders.stream().map(SegmentMessage::messageId).toArray(String[]::new),
                        contactIds.toArray(new String[0]),
                        orders.stream().map(order -> revenue(order.properties())).toArray(BigDecimal[]::new),
                        orders.stream().map(order -> order.timestamp().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .chain(inserted -> {
                    Set<String> ordered = new LinkedHashSet<>();
                    inserted.forEach(row -> ordered.add(row.getString("contact_id")));
                    return ordered.isEmpty() ? Uni.createFrom().voidItem()
                            : rescore(tx, List.copyOf(ordered), OffsetDateTime.now(ZoneOffset.UTC)).replaceWithVoid();
                });
    }

    /**
     * Scores these contacts' orders against the last recompute's boundaries: a value above the
     * highest value that scored k scores more than k. Before the first recompute (no boundaries)
     * the contacts wait for it. Saves the scores that changed and makes their contacts due for
     * segment evaluation; returns how many changed.
     */
    Uni<Integer> rescore(SqlClient tx, List<String> contactIds, OffsetDateTime now) {
        return tx.preparedQuery(SCORES)
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .chain(rows -> {
                    List<Tuple> changed = new ArrayList<>();
                    rows.forEach(row -> {
                        int r = row.getInteger("r");
                        int f = row.getInteger("f");
                        int m = row.getInteger("m");
                        boolean same = Integer.valueOf(r).equals(row.getInteger("recency"))
                                && Integer.valueOf(f).equals(row.getInteger("frequency"))
                                && Integer.valueOf(m).equals(row.getInteger("monetary"))
                                && row.getInteger("orders").equals(row.getInteger("old_orders"))
                                && row.getBigDecimal("revenue").equals(row.getBigDecimal("old_revenue"));
                        if (!same) {
                            changed.add(Tuple.from(new Object[] {row.getString("contact_id"), r, f, m, RfmSegments.name(r, f),
                                    row.getInteger("orders"), row.getBigDecimal("revenue"),
                                    row.getOffsetDateTime("last_order_at"), now}));
                        }
                    });
                    if (changed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // the named segment, the revenue or the order count may change a segment
                    return save(tx, changed).chain(() -> reevaluate(tx, changed.stream().map(t -> t.getString(0)).toList()))
                            .replaceWith(changed.size());
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

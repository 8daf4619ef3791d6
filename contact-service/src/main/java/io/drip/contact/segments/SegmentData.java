package io.drip.contact.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contact.privacy.PersonalData;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A person's orders (the RFM input), RFM scores and segment memberships. */
@ApplicationScoped
public class SegmentData implements PersonalData {

    @Inject
    RfmScores rfm;

    @Override
    public String name() {
        return "segments";
    }

    @Override
    public Uni<JsonNode> export(SqlClient db, String contactId) {
        ObjectNode data = MessageJson.mapper().createObjectNode();
        var orders = data.putArray("orders");
        var memberships = data.putArray("memberships");
        return db.preparedQuery("select message_id, revenue, at from order_event where contact_id = $1 order by at")
                .execute(Tuple.of(contactId))
                .invoke(rows -> rows.forEach(row -> orders.addObject().put("messageId", row.getString("message_id"))
                        .put("revenue", row.getBigDecimal("revenue").doubleValue())
                        .put("at", row.getOffsetDateTime("at").toInstant().toString())))
                .chain(() -> db.preparedQuery("select segment_id, entered_at from segment_membership where contact_id = $1 order by segment_id")
                        .execute(Tuple.of(contactId)))
                .invoke(rows -> rows.forEach(row -> memberships.addObject().put("segment", row.getString("segment_id"))
                        .put("enteredAt", row.getOffsetDateTime("entered_at").toInstant().toString())))
                .chain(() -> rfm.of(db, contactId))
                .map(scores -> {
                    scores.ifPresent(s -> data.set("rfm", s));
                    return data;
                });
    }

    @Override
    public Uni<Integer> erase(SqlClient tx, String contactId) {
        int[] removed = new int[1];
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String table : new String[] {"order_event", "contact_rfm", "segment_membership"}) {
            all = all.chain(() -> tx.preparedQuery("delete from " + table + " where contact_id = $1").execute(Tuple.of(contactId))
                    .invoke(rows -> removed[0] += rows.rowCount()).replaceWithVoid());
        }
        return all.map(done -> removed[0]);
    }
}

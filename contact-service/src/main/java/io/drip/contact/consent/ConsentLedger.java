package io.drip.contact.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The consent audit trail and the pending double opt-ins. */
@ApplicationScoped
public class ConsentLedger {
    /** A contact's rows and those recorded under ids later merged into it. */
    private static final String OF_CONTACT =
            "(contact_id = $1 or contact_id in (select alias_id from contact_alias where contact_id = $1))";

    public Uni<Void> append(SqlClient tx, String contactId, String channel, String category, String state,
            Consent.Origin origin) {
        return append(tx, contactId, channel, category, state, origin, null);
    }

    /** Records an opt-in that was refused, and why. */
    public Uni<Void> refusal(SqlClient tx, String contactId, String channel, String category, Consent.Origin origin,
            String reason) {
        return append(tx, contactId, channel, category, Consent.REFUSED, origin, reason);
    }

    private Uni<Void> append(SqlClient tx, String contactId, String channel, String category, String state,
            Consent.Origin origin, String reason) {
        return tx.preparedQuery("""
                        insert into consent_event (contact_id, channel, category, state, source, message_id, ip, actor, keyword, at, reason)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.from(new Object[] {contactId, channel, category, state, origin.source(), origin.messageId(),
                        origin.ip(), origin.actor(), origin.keyword(), utc(origin.at()), reason}))
                .replaceWithVoid();
    }

    public Uni<Void> addPending(SqlClient tx, String contactId, String channel, String category, Instant at,
            Instant expiresAt) {
        return tx.preparedQuery("""
                        insert into consent_pending (contact_id, channel, category, requested_at, expires_at)
                        values ($1, $2, $3, $4, $5)
                        on conflict (contact_id, channel, category) do update
                          set requested_at = excluded.requested_at, expires_at = excluded.expires_at""")
                .execute(Tuple.of(contactId, channel, category, utc(at), utc(expiresAt)))
                .replaceWithVoid();
    }

    /** Removes the pending request; true when there was one still valid at {@code now}. */
    public Uni<Boolean> takePending(SqlClient tx, String contactId, String channel, String category, Instant now) {
        return tx.preparedQuery("delete from consent_pending where contact_id = $1 and channel = $2 and category = $3 returning expires_at")
                .execute(Tuple.of(contactId, channel, category))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getOffsetDateTime("expires_at").toInstant().isAfter(now));
    }

    /** Every decision about the contact, oldest first. */
    public Uni<ArrayNode> history(SqlClient db, String contactId) {
        return db.preparedQuery("select * from consent_event where " + OF_CONTACT + " order by at, id")
                .execute(Tuple.of(contactId))
                .map(rows -> {
                    ArrayNode history = MessageJson.mapper().createArrayNode();
                    rows.forEach(row -> history.add(event(row)));
                    return history;
                });
    }

    public Uni<ArrayNode> pending(SqlClient db, String contactId) {
        return db.preparedQuery("select * from consent_pending where contact_id = $1").execute(Tuple.of(contactId))
                .map(rows -> {
                    ArrayNode pending = MessageJson.mapper().createArrayNode();
                    rows.forEach(row -> pending.addObject().put("channel", row.getString("channel"))
                            .put("category", row.getString("category"))
                            .put("requestedAt", row.getOffsetDateTime("requested_at").toInstant().toString())
                            .put("expiresAt", row.getOffsetDateTime("expires_at").toInstant().toString()));
                    return pending;
                });
    }

    public Uni<Integer> erase(SqlClient tx, String contactId) {
        return tx.preparedQuery("delete from consent_event where " + OF_CONTACT).execute(Tuple.of(contactId))
                .chain(events -> tx.preparedQuery("delete from consent_pending where contact_id = $1")
                        .execute(Tuple.of(contactId)).map(pending -> events.rowCount() + pending.rowCount()));
    }

    private static ObjectNode event(Row row) {
        ObjectNode event = MessageJson.mapper().createObjectNode();
        event.put("channel", row.getString("channel"));
        event.put("category", row.getString("category"));
        event.put("state", row.getString("state"));
        event.put("source", row.getString("source"));
        event.put("at", row.getOffsetDateTime("at").toInstant().toString());
        for (String optional : new String[] {"message_id", "ip", "actor", "keyword", "reason"}) {
            if (row.getString(optional) != null) {
                event.put(camel(optional), row.getString(optional));
            }
        }
        event.put("contactId", row.getString("contact_id"));
        return event;
    }

    private static String camel(String column) {
        return column.equals("message_id") ? "messageId" : column;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

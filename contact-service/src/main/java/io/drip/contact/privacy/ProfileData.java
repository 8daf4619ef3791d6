package io.drip.contact.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The contact row itself (with the number as it was sent) and the ids merged into it. */
@ApplicationScoped
public class ProfileData implements PersonalData {

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Uni<JsonNode> export(SqlClient db, String contactId) {
        return db.preparedQuery("""
                        select c.*, c.traits::text as traits_json, c.consent::text as consent_json,
                          array(select alias_id from contact_alias where contact_id = c.id order by alias_id) as aliases
                        from contact c where id = $1""")
                .execute(Tuple.of(contactId))
                .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
    }

    private static JsonNode json(Row row) {
        ObjectNode profile = MessageJson.mapper().createObjectNode();
        profile.put("id", row.getString("id"));
        profile.put("version", row.getLong("version"));
        profile.put("phone", row.getString("phone"));
        profile.put("phoneAsSent", row.getString("phone_raw"));
        profile.put("phoneStatus", row.getString("phone_status"));
        profile.put("timezone", row.getString("timezone"));
        profile.put("locale", row.getString("locale"));
        profile.set("traits", read(row.getString("traits_json")));
        profile.set("consent", read(row.getString("consent_json")));
        profile.put("createdAt", String.valueOf(row.getOffsetDateTime("created_at").toInstant()));
        profile.put("updatedAt", String.valueOf(row.getOffsetDateTime("updated_at").toInstant()));
        var lastActivity = row.getOffsetDateTime("last_activity_at");
        profile.put("lastActivityAt", lastActivity == null ? null : String.valueOf(lastActivity.toInstant()));
        var aliases = profile.putArray("aliases");
        for (String alias : row.getArrayOfStrings("aliases")) {
            aliases.add(alias);
        }
        return profile;
    }

    private static JsonNode read(String json) {
        try {
            return MessageJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a contact holds unreadable JSON", e);
        }
    }

    @Override
    public Uni<Integer> erase(SqlClient tx, String contactId) {
        return tx.preparedQuery("delete from contact_alias where contact_id = $1").execute(Tuple.of(contactId))
                .chain(aliases -> tx.preparedQuery("delete from contact where id = $1").execute(Tuple.of(contactId))
                        .map(contact -> aliases.rowCount() + contact.rowCount()));
    }
}

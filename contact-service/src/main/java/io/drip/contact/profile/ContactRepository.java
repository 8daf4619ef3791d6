package io.drip.contact.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The contact table, read and written as {@link ContactSnapshot}s. */
@ApplicationScoped
public class ContactRepository {
    private static final String COLUMNS =
            "id, version, phone, phone_status, timezone, locale, traits::text as traits, consent::text as consent, updated_at";
    private static final TypeReference<Map<String, Map<String, ContactSnapshot.Consent>>> CONSENT = new TypeReference<>() {
    };

    public Uni<Optional<ContactSnapshot>> find(SqlClient db, String id) {
        return db.preparedQuery("select " + COLUMNS + " from contact where id = $1").execute(Tuple.of(id))
                .map(ContactRepository::first);
    }

    /** Reads and locks the contact, so concurrent changes to one person apply one after the other. */
    public Uni<Optional<ContactSnapshot>> findForUpdate(SqlClient tx, String id) {
        return tx.preparedQuery("select " + COLUMNS + " from contact where id = $1 for update").execute(Tuple.of(id))
                .map(ContactRepository::first);
    }

    public Uni<Void> save(SqlClient tx, ContactSnapshot contact, String phoneRaw) {
        return tx.preparedQuery("""
                        insert into contact (id, version, phone, phone_raw, phone_status, timezone, locale, traits, consent, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10)
                        on conflict (id) do update set version = excluded.version, phone = excluded.phone,
                          phone_raw = excluded.phone_raw, phone_status = excluded.phone_status,
                          timezone = excluded.timezone, locale = excluded.locale, traits = excluded.traits,
                          consent = excluded.consent, updated_at = excluded.updated_at""")
                .execute(Tuple.from(new Object[] {contact.contactId(), contact.version(), contact.phone(), phoneRaw,
                        contact.phoneStatus(), contact.timezone(), contact.locale(), MessageJson.write(contact.traits()),
                        MessageJson.write(contact.consent()), contact.updatedAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    private static Optional<ContactSnapshot> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        try {
            return Optional.of(new ContactSnapshot(row.getString("id"), row.getLong("version"), row.getString("phone"),
                    row.getString("phone_status"), row.getString("timezone"), row.getString("locale"),
                    (ObjectNode) MessageJson.mapper().readTree(row.getString("traits")),
                    MessageJson.mapper().readValue(row.getString("consent"), CONSENT),
                    row.getOffsetDateTime("updated_at").toInstant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact " + row.getString("id") + " holds unreadable JSON", e);
        }
    }
}

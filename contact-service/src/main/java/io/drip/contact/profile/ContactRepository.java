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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact table, read and written as {@link ContactSnapshot}s. */
@ApplicationScoped
public class ContactRepository {
    public static final String COLUMNS =
            "id, version, phone, phone_status, timezone, locale, traits::text as traits, consent::text as consent, updated_at, segments";
    private static final TypeReference<Map<String, Map<String, ContactSnapshot.Consent>>> CONSENT = new TypeReference<>() {
    };

    public Uni<Optional<ContactSnapshot>> find(SqlClient db, String id) {
        return db.preparedQuery("select " + COLUMNS + " from contact where id = $1").execute(Tuple.of(id))
                .map(ContactRepository::first);
    }

    /**
     * Reads and locks the contact, so concurrent changes to one person apply one after the other,
     * also the first: a contact not created yet has no row to lock, so the id itself is locked
     * (a transaction-scoped advisory lock), else two first identifies both see a new contact and
     * publish two version 1 snapshots with different phones.
     */
    public Uni<Optional<ContactSnapshot>> findForUpdate(SqlClient tx, String id) {
        return lockIds(tx, List.of(id))
                .chain(() -> tx.preparedQuery("select " + COLUMNS + " from contact where id = $1 for update")
                        .execute(Tuple.of(id)))
                .map(ContactRepository::first);
    }

    /** Reads and locks the contacts of these ids that exist, and the ids of those that do not (as {@link #findForUpdate}). */
    public Uni<Map<String, ContactSnapshot>> findAllForUpdate(SqlClient tx, List<String> ids) {
        return lockIds(tx, ids)
                .chain(() -> tx.preparedQuery("select " + COLUMNS + " from contact where id = any($1) order by id for update")
                        .execute(Tuple.of(ids.toArray(new String[0]))))
                .map(rows -> {
                    Map<String, ContactSnapshot> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("id"), snapshot(row)));
                    return found;
                });
    }

    /**
     * Advisory locks on the ids until the transaction ends, taken in id order (as the rows are
     * locked, and as an alias locks its two ids), so two writers of overlapping ids cannot deadlock.
     */
    private static Uni<Void> lockIds(SqlClient tx, List<String> ids) {
        return tx.preparedQuery("""
                        select pg_advisory_xact_lock(hashtextextended(id, 0))
                        from (select distinct id from unnest($1::text[]) as ids(id) order by id) as sorted""")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .replaceWithVoid();
    }

    public Uni<Void> save(SqlClient tx, ContactSnapshot contact, String phoneRaw) {
        return saveAll(tx, List.of(contact), List.of(Optional.ofNullable(phoneRaw)));
    }

    /** Upserts many contacts in one round trip; {@code phonesRaw} in the same order. */
    public Uni<Void> saveAll(SqlClient tx, List<ContactSnapshot> contacts, List<Optional<String>> phonesRaw) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            ContactSnapshot contact = contacts.get(i);
            rows.add(Tuple.from(new Object[] {contact.contactId(), contact.version(), contact.phone(),
                    phonesRaw.get(i).orElse(null), contact.phoneStatus(), contact.timezone(), contact.locale(),
                    MessageJson.write(contact.traits()), MessageJson.write(contact.consent()),
                    contact.updatedAt().atOffset(ZoneOffset.UTC),
                    contact.segments() == null ? null : contact.segments().toArray(new String[0])}));
        }
        return tx.preparedQuery("""
                        insert into contact (id, version, phone, phone_raw, phone_status, timezone, locale, traits, consent, updated_at, segments)
                        values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11)
                        on conflict (id) do update set version = excluded.version, phone = excluded.phone,
                          phone_raw = excluded.phone_raw, phone_status = excluded.phone_status,
                          timezone = excluded.timezone, locale = excluded.locale, traits = excluded.traits,
                          consent = excluded.consent, updated_at = excluded.updated_at, segments = excluded.segments""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Writes a new consent state (and version) of a contact, leaving everything else as it is. */
    public Uni<Void> saveConsent(SqlClient tx, ContactSnapshot contact) {
        return tx.preparedQuery("update contact set version = $2, consent = $3::text::jsonb, updated_at = $4 where id = $1")
                .execute(Tuple.of(contact.contactId(), contact.version(), MessageJson.write(contact.consent()),
                        contact.updatedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Contacts matching every criterion of the search, in id order. */
    public Uni<List<ContactSnapshot>> search(SqlClient db, ContactSearch search) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (search.phone() != null) {
            parameters.add(search.phone());
            where.append(" and phone = $").append(parameters.size());
        }
        for (List<String> forms : search.traits()) {
            where.append(" and (");
            for (int i = 0; i < forms.size(); i++) {
                parameters.add(forms.get(i));
                where.append(i == 0 ? "" : " or ").append("traits @> $").append(parameters.size()).append("::text::jsonb");
            }
            where.append(")");
        }
        if (search.after() != null) {
            parameters.add(search.after());
            where.append(" and id > $").append(parameters.size());
        }
        parameters.add(search.limit());
        return db.preparedQuery("select " + COLUMNS + " from contact where " + where + " order by id limit $" + parameters.size())
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<ContactSnapshot> contacts = new ArrayList<>(rows.size());
                    rows.forEach(row -> contacts.add(snapshot(row)));
                    return contacts;
                });
    }

    /** The ids of the contacts holding this E.164 number, in id order (the order to lock them in). */
    public Uni<List<String>> idsWithPhone(SqlClient db, String phone) {
        return db.preparedQuery("select id from contact where phone = $1 order by id").execute(Tuple.of(phone))
                .map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** The contact an id stands for: itself, or the contact an alias call merged it into. */
    public Uni<String> canonicalId(SqlClient db, String id) {
        return db.preparedQuery("select contact_id from contact_alias where alias_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? id : rows.iterator().next().getString("contact_id"));
    }

    /** The contacts these ids stand for, by id: only the ids an alias call merged into another contact. */
    public Uni<Map<String, String>> canonicalIds(SqlClient db, Collection<String> ids) {
        return db.preparedQuery("select alias_id, contact_id from contact_alias where alias_id = any($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> merged = new HashMap<>();
                    rows.forEach(row -> merged.put(row.getString("alias_id"), row.getString("contact_id")));
                    return merged;
                });
    }

    /** Records that {@code aliasId} now means {@code contactId}, also for ids merged into the alias before. */
    public Uni<Void> addAlias(SqlClient tx, String aliasId, String contactId) {
        return tx.preparedQuery("update contact_alias set contact_id = $2 where contact_id = $1")
                .execute(Tuple.of(aliasId, contactId))
                .chain(() -> tx.preparedQuery("""
                                insert into contact_alias (alias_id, contact_id) values ($1, $2)
                                on conflict (alias_id) do update set contact_id = excluded.contact_id""")
                        .execute(Tuple.of(aliasId, contactId)))
                .replaceWithVoid();
    }

    /** Moves the last activity time forward (never back: events may arrive out of order). */
    public Uni<Void> touch(SqlClient tx, String id, Instant at) {
        return tx.preparedQuery("""
                        update contact set last_activity_at = greatest(coalesce(last_activity_at, $2), $2)
                        where id = $1""")
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Something a contact (or an alias of it) did at a moment: a track, a page, a human click. */
    public record Activity(String contactId, Instant at) {
    }

    /**
     * Moves the last activity of these contacts (through their aliases) to the latest of each, in
     * one statement; ids of no contact change nothing.
     */
    public Uni<Void> touchAll(SqlClient tx, List<Activity> activities) {
        return tx.preparedQuery("""
                        update contact c set last_activity_at = greatest(coalesce(c.last_activity_at, t.at), t.at)
                        from (select coalesce(a.contact_id, m.id) as id, max(m.at) as at
                              from unnest($1::text[], $2::timestamptz[]) as m(id, at)
                              left join contact_alias a on a.alias_id = m.id group by 1) t
                        where c.id = t.id""")
                .execute(Tuple.tuple().addArrayOfString(activities.stream().map(Activity::contactId).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(activities.stream().map(a -> a.at().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    public Uni<Optional<Instant>> lastActivity(SqlClient db, String id) {
        return db.preparedQuery("select last_activity_at from contact where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getOffsetDateTime("last_activity_at") == null
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("last_activity_at").toInstant()));
    }

    public Uni<Void> delete(SqlClient tx, String id) {
        return tx.preparedQuery("delete from contact where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static Optional<ContactSnapshot> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(snapshot(rows.iterator().next()));
    }

    /** The snapshot in a row selected with {@link #COLUMNS} (possibly among others). */
    public static ContactSnapshot snapshot(Row row) {
        try {
            return new ContactSnapshot(row.getString("id"), row.getLong("version"), row.getString("phone"),
                    row.getString("phone_status"), row.getString("timezone"), row.getString("locale"),
                    (ObjectNode) MessageJson.mapper().readTree(row.getString("traits")),
                    MessageJson.mapper().readValue(row.getString("consent"), CONSENT),
                    row.getOffsetDateTime("updated_at").toInstant(),
                    row.getArrayOfStrings("segments") == null ? null : List.of(row.getArrayOfStrings("segments")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact " + row.getString("id") + " holds unreadable JSON", e);
        }
    }
}

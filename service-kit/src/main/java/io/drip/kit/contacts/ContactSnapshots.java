package io.drip.kit.contacts;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.drip.kit.clock.TimeZones;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's local projection of {@code drip.contacts.v1} (table {@code contact_snapshot}, from
 * Flyway location {@code db/contacts}), fed by {@link ContactSnapshotConsumer}: many snapshots per
 * transaction, and a tombstone (erasure) in its own, where it deletes the snapshot and runs the
 * service's {@link ContactErasure}s.
 */
@ApplicationScoped
public class ContactSnapshots {

    @Inject
    ContactErasures erasures;

    /**
     * The snapshot a record of drip.contacts.v1 carries, null for a tombstone.
     *
     * @throws MalformedMessageException when it is neither, or names another contact than its key
     */
    public ContactSnapshot read(String key, String value) {
        if (key == null) {
            throw new MalformedMessageException("a contact record needs the contactId as its key");
        }
        if (value == null) {
            return null;
        }
        ContactSnapshot snapshot = MessageJson.read(value, ContactSnapshot.class);
        if (!key.equals(snapshot.contactId())) {
            throw new MalformedMessageException("the snapshot's contactId '" + snapshot.contactId()
                    + "' differs from the record key '" + key + "'");
        }
        if (snapshot.timezone() != null) {
            // quiet hours and send windows are reckoned in it: a zone no one can read is refused here,
            // not when a send to the contact is due
            if (!TimeZones.isZone(snapshot.timezone())) {
                throw new MalformedMessageException("the snapshot's timezone " + TimeZones.notAZone(snapshot.timezone()));
            }
        }
        return snapshot;
    }

    /** Keeps each contact's newest of these snapshots, unless a newer one is held already. */
    public Uni<Void> storeAll(SqlClient tx, List<ContactSnapshot> snapshots) {
        Map<String, ContactSnapshot> newest = new LinkedHashMap<>();
        for (ContactSnapshot snapshot : snapshots) {
            newest.merge(snapshot.contactId(), snapshot, (held, next) -> next.version() > held.version() ? next : held);
        }
        int n = newest.size();
        String[] ids = new String[n], documents = new String[n];
        Long[] versions = new Long[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        int i = 0;
        for (ContactSnapshot snapshot : newest.values()) {
            ids[i] = snapshot.contactId();
            versions[i] = snapshot.version();
            documents[i] = MessageJson.write(snapshot);
            updated[i++] = snapshot.updatedAt().atOffset(ZoneOffset.UTC);
        }
        return tx.preparedQuery("""
                        insert into contact_snapshot (id, version, snapshot, updated_at)
                        select * from unnest($1::text[], $2::bigint[], $3::text[]::jsonb[], $4::timestamptz[])
                        on conflict (id) do update set version = excluded.version, snapshot = excluded.snapshot,
                          updated_at = excluded.updated_at
                        where contact_snapshot.version < excluded.version""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfLong(versions).addArrayOfString(documents)
                        .addArrayOfOffsetDateTime(updated))
                .replaceWithVoid();
    }

    /** An erasure (tombstone): the snapshot goes, and the service's {@link ContactErasure}s run. */
    public Uni<Void> erase(SqlClient tx, String contactId) {
        return tx.preparedQuery("delete from contact_snapshot where id = $1").execute(Tuple.of(contactId))
                .chain(() -> erasures.erase(tx, contactId));
    }

    /** The snapshots of these contacts that are here, by contact id, in one round trip. */
    public Uni<Map<String, ContactSnapshot>> findAll(SqlClient db, Collection<String> contactIds) {
        return db.preparedQuery("select id, snapshot::text as snapshot from contact_snapshot where id = any($1)")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, ContactSnapshot> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("id"),
                            MessageJson.readStored(row.getString("snapshot"), ContactSnapshot.class)));
                    return found;
                });
    }

    public Uni<Optional<ContactSnapshot>> find(SqlClient db, String contactId) {
        return db.preparedQuery("select snapshot::text as snapshot from contact_snapshot where id = $1")
                .execute(Tuple.of(contactId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(MessageJson.readStored(rows.iterator().next().getString("snapshot"), ContactSnapshot.class)));
    }
}

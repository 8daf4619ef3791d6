package io.drip.kit.contacts;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A service's local projection of {@code drip.contacts.v1} (table {@code contact_snapshot}, from
 * Flyway location {@code db/contacts}), fed by {@link ContactSnapshotConsumer}. A tombstone (erasure)
 * deletes the snapshot and, in the same transaction, runs the service's {@link ContactErasure}s.
 */
@ApplicationScoped
public class ContactSnapshots {

    @Inject
    ContactErasures erasures;

    public Uni<Void> apply(SqlClient tx, ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new MalformedMessageException("a contact record needs the contactId as its key");
        }
        if (record.value() == null) {
            return tx.preparedQuery("delete from contact_snapshot where id = $1").execute(Tuple.of(record.key()))
                    .chain(() -> erasures.erase(tx, record.key()));
        }
        ContactSnapshot snapshot = MessageJson.read(record.value(), ContactSnapshot.class);
        if (!record.key().equals(snapshot.contactId())) {
            throw new MalformedMessageException("the snapshot's contactId '" + snapshot.contactId()
                    + "' differs from the record key '" + record.key() + "'");
        }
        return tx.preparedQuery("""
                        insert into contact_snapshot (id, version, snapshot, updated_at) values ($1, $2, $3::text::jsonb, $4)
                        on conflict (id) do update set version = excluded.version, snapshot = excluded.snapshot,
                          updated_at = excluded.updated_at
                        where contact_snapshot.version < excluded.version""")
                .execute(Tuple.of(snapshot.contactId(), snapshot.version(), MessageJson.write(snapshot),
                        snapshot.updatedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<ContactSnapshot>> find(SqlClient db, String contactId) {
        return db.preparedQuery("select snapshot::text as snapshot from contact_snapshot where id = $1")
                .execute(Tuple.of(contactId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(MessageJson.read(rows.iterator().next().getString("snapshot"), ContactSnapshot.class)));
    }
}

package io.drip.kit.contacts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The contacts erased in this service (table {@code erased_contact}), each by the SHA-256 of its
 * id alone (computed by PostgreSQL, the same in every service), so that a record of an erased
 * contact that arrives after the tombstone (an event, a send command, a link, an identify) is
 * recognised without keeping who was erased. A record dated after the erasure passes: it is a
 * person who came back, whom contact-service made anew.
 */
@ApplicationScoped
public class ErasedContacts {

    /** The records of a batch, each in its order: those of an erased contact, and the others. */
    public record Split<T>(List<T> erased, List<T> kept) {
    }

    /**
     * Remembers that {@code contactId} is erased, as of the database's clock: at or after the
     * erasure itself, so every record made before it is recognised. Again after a redelivery.
     */
    public Uni<Void> record(SqlClient tx, String contactId) {
        return tx.preparedQuery("""
                        insert into erased_contact (id_hash, erased_at)
                        values (encode(sha256(convert_to($1, 'UTF8')), 'hex'), now())
                        on conflict (id_hash) do update set erased_at = greatest(erased_contact.erased_at, excluded.erased_at)""")
                .execute(Tuple.of(contactId))
                .replaceWithVoid();
    }

    /**
     * Splits records by whether their contact was erased at or after the record's time ({@code at};
     * a record without a time counts as made before), in one query.
     */
    public <T> Uni<Split<T>> split(SqlClient db, List<T> records, Function<T, String> contactId, Function<T, Instant> at) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(new Split<>(List.of(), List.of()));
        }
        String[] ids = new String[records.size()];
        OffsetDateTime[] times = new OffsetDateTime[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ids[i] = contactId.apply(records.get(i));
            Instant time = at.apply(records.get(i));
            times[i] = time == null ? null : time.atOffset(ZoneOffset.UTC);
        }
        return db.preparedQuery("""
                        select r.n from unnest($1::text[], $2::timestamptz[]) with ordinality as r(contact_id, at, n)
                        join erased_contact e on e.id_hash = encode(sha256(convert_to(r.contact_id, 'UTF8')), 'hex')
                        where r.at is null or r.at <= e.erased_at""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfOffsetDateTime(times))
                .map(rows -> {
                    Set<Long> erased = new HashSet<>();
                    rows.forEach(row -> erased.add(row.getLong("n")));
                    List<T> ofErased = new ArrayList<>();
                    List<T> kept = new ArrayList<>();
                    for (int i = 0; i < records.size(); i++) {
                        (erased.contains(i + 1L) ? ofErased : kept).add(records.get(i));
                    }
                    return new Split<>(ofErased, kept);
                });
    }
}

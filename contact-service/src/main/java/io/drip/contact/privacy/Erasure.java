package io.drip.contact.privacy;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.Topics;
import io.drip.kit.contacts.ErasedContacts;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * GDPR erasure: in one transaction every {@link PersonalData} of the contact is removed and a
 * tombstone for {@code drip.contacts.v1} goes to the outbox, so every service purges or
 * anonymises its copy. The erasure is audited without personal data: an id, when, which API key
 * asked, and how many records of each kind went. The erasure is remembered ({@link ErasedContacts}),
 * so that a message made before it and arriving later does not bring the person back.
 */
@ApplicationScoped
public class Erasure {

    /** What the caller keeps as proof; the audit row holds the same id. */
    public record Receipt(String erasureId, Instant erasedAt, Map<String, Integer> removed) {
    }

    @Inject
    Pool pool;

    @Inject
    ContactRepository contacts;

    @Inject
    Outbox outbox;

    @Inject
    ErasedContacts erased;

    @Inject
    @Any
    Instance<PersonalData> data;

    public Uni<Optional<Receipt>> erase(String contactId, String requestedBy) {
        return pool.withTransaction(tx -> contacts.findForUpdate(tx, contactId).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<Receipt>empty())
                : removeAll(tx, contactId).chain(removed -> audit(tx, removed, requestedBy))
                        .call(() -> erased.record(tx, contactId))
                        .call(() -> outbox.discardBulk(tx, contactId))
                        .call(() -> outbox.add(tx, Topics.CONTACTS, contactId, null))
                        .map(Optional::of)));
    }

    private Uni<Map<String, Integer>> removeAll(SqlConnection tx, String contactId) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (PersonalData kind : data.stream().sorted(Comparator.comparingInt(PersonalData::order)).toList()) {
            all = all.chain(() -> kind.erase(tx, contactId).invoke(count -> removed.put(kind.name(), count))
                    .replaceWithVoid());
        }
        return all.replaceWith(removed);
    }

    private Uni<Receipt> audit(SqlConnection tx, Map<String, Integer> removed, String requestedBy) {
        Receipt receipt = new Receipt(UUID.randomUUID().toString(), Instant.now(), Map.copyOf(removed));
        return tx.preparedQuery("insert into erasure_audit (id, erased_at, requested_by, removed) values ($1, $2, $3, $4::text::jsonb)")
                .execute(Tuple.of(receipt.erasureId(), receipt.erasedAt().atOffset(ZoneOffset.UTC), requestedBy,
                        io.drip.contracts.MessageJson.write(removed)))
                .replaceWith(receipt);
    }
}

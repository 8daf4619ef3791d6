package io.drip.kit.contacts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Runs every {@link ContactErasure} of the service for one erased contact, one after the other,
 * and remembers the erasure ({@link ErasedContacts}) for the contact's records still to come.
 */
@ApplicationScoped
public class ContactErasures {

    @Inject
    @Any
    Instance<ContactErasure> erasures;

    @Inject
    ErasedContacts erased;

    public Uni<Void> erase(SqlClient tx, String contactId) {
        String pseudonym = pseudonym();
        Uni<Void> all = erased.record(tx, contactId);
        for (ContactErasure erasure : erasures) {
            all = all.chain(() -> erasure.erase(tx, contactId, pseudonym));
        }
        return all;
    }

    /** A new contact id for what is kept of an erased contact: random, so that nothing kept can be linked back to the id. */
    public static String pseudonym() {
        return "erased-" + UUID.randomUUID();
    }
}

package io.drip.kit.contacts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;

/** Runs every {@link ContactErasure} of the service for one erased contact, one after the other. */
@ApplicationScoped
public class ContactErasures {

    @Inject
    @Any
    Instance<ContactErasure> erasures;

    public Uni<Void> erase(SqlClient tx, String contactId) {
        // random, so that nothing kept can be linked back to the id
        String pseudonym = "erased-" + UUID.randomUUID();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ContactErasure erasure : erasures) {
            all = all.chain(() -> erasure.erase(tx, contactId, pseudonym));
        }
        return all;
    }
}

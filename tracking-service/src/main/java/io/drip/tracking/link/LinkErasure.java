package io.drip.tracking.link;

import io.drip.kit.contacts.ContactErasure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An erased contact's links and clicks: the clicks lose their IP address and user agent, the links
 * move to a pseudonym. Both stay, so the links of messages already sent still redirect and click
 * counts (by journey, step, device, bot) stay right.
 */
@ApplicationScoped
public class LinkErasure implements ContactErasure {

    @Inject
    LinkCache cache;

    @Override
    public Uni<Void> erase(SqlClient tx, String contactId, String pseudonym) {
        return tx.preparedQuery("""
                        update click set ip = null, user_agent = null
                        where code in (select code from link where contact_id = $1)""")
                .execute(Tuple.of(contactId))
                .chain(() -> tx.preparedQuery("update link set contact_id = $2 where contact_id = $1")
                        .execute(Tuple.of(contactId, pseudonym)))
                .invoke(() -> cache.forget(contactId))
                .replaceWithVoid();
    }
}

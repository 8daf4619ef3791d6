package io.drip.kit.contacts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * What a service does when a contact is erased (a tombstone on {@code drip.contacts.v1}): purges
 * or anonymises what it holds about the contact, in the transaction of the tombstone. A service
 * implements it as a bean; {@link ContactErasures} runs every one.
 */
public interface ContactErasure {
    /** The reason given to what an erasure ends (a journey run, a message still waiting). */
    String REASON = "erased";

    /**
     * Erases {@code contactId}. Rows kept for counts and reports take {@code pseudonym} as their
     * contact id: the same for every row of this erasure, unrelated to the id. Runs again, harmlessly,
     * when the tombstone is redelivered.
     */
    Uni<Void> erase(SqlClient tx, String contactId, String pseudonym);
}

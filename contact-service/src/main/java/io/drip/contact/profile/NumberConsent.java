package io.drip.contact.profile;

import io.drip.contracts.ContactSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/**
 * Consent that belongs to a phone number rather than to a contact: a contact that takes a number
 * which opted out by keyword starts opted out. The consent package implements it, so profile
 * does not depend on consent.
 */
public interface NumberConsent {

    /**
     * The snapshots to save, each with the consent its number brings.
     *
     * @param held    what was stored before, by contact id (absent: a new contact)
     * @param changed the snapshots about to be saved
     */
    Uni<List<ContactSnapshot>> apply(SqlClient tx, Map<String, ContactSnapshot> held, List<ContactSnapshot> changed);
}

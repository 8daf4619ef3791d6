package io.drip.contact.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * One kind of data contact-service holds about a person. Every table keyed by contact implements
 * it, so an access request exports, and an erasure removes, all of them: the two cannot drift.
 */
public interface PersonalData {
    /** The section's name in an export and in the erasure audit. */
    String name();

    /** What is held about the contact, as JSON; null when nothing is. */
    Uni<JsonNode> export(SqlClient db, String contactId);

    /**
     * Erasure runs the kinds in this order, lowest first: the profile goes last, as other kinds
     * find the ids merged into the contact through it.
     */
    default int order() {
        return 0;
    }

    /** Removes what is held about the contact; returns how many records went. */
    Uni<Integer> erase(SqlClient tx, String contactId);
}

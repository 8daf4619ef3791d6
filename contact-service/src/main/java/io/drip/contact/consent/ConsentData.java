package io.drip.contact.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contact.privacy.PersonalData;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The consent audit trail and pending double opt-ins of a person. */
@ApplicationScoped
public class ConsentData implements PersonalData {

    @Inject
    ConsentLedger ledger;

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public Uni<JsonNode> export(SqlClient db, String contactId) {
        ObjectNode consent = MessageJson.mapper().createObjectNode();
        return ledger.history(db, contactId).invoke(history -> consent.set("history", history))
                .chain(() -> ledger.pending(db, contactId)).invoke(pending -> consent.set("pending", pending))
                .replaceWith(consent);
    }

    @Override
    public Uni<Integer> erase(SqlClient tx, String contactId) {
        return ledger.erase(tx, contactId);
    }
}

package io.drip.dispatch.message;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.send.OutgoingMessages;
import io.drip.dispatch.send.StatusChanges;
import io.drip.kit.contacts.ContactErasure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * An erased contact's messages: those still waiting are suppressed (reason {@code erased}); every
 * message, sandbox copy and inbound SMS of the contact loses its number and text and is kept
 * under a pseudonym, so delivery reports still count it (status, country, carrier, segments).
 */
@ApplicationScoped
public class MessageErasure implements ContactErasure {
    @Inject
    OutgoingMessages outgoing;

    @Inject
    StatusChanges changes;

    @Override
    public Uni<Void> erase(SqlClient tx, String contactId, String pseudonym) {
        return suppressWaiting(tx, contactId, pseudonym)
                .chain(() -> tx.preparedQuery("""
                        update sandbox_message s set to_phone = '', text = ''
                        from outgoing_message m where m.contact_id = $1 and s.message_id = m.message_id""")
                        .execute(Tuple.of(contactId)))
                .chain(() -> tx.preparedQuery("""
                        update sandbox_submission s set to_phone = ''
                        from outgoing_message m where m.contact_id = $1 and s.message_id = m.message_id""")
                        .execute(Tuple.of(contactId)))
                .chain(() -> tx.preparedQuery("""
                        update outgoing_message set contact_id = $2, text = '', sent_text = null, to_phone = null,
                          command = jsonb_set(command - '{text,links}'::text[], '{contactId}', to_jsonb($2::text))
                        where contact_id = $1""")
                        .execute(Tuple.of(contactId, pseudonym)))
                .chain(() -> tx.preparedQuery("""
                        update inbound_message set contact_id = $2, from_phone = '', text = ''
                        where contact_id = $1""")
                        .execute(Tuple.of(contactId, pseudonym)))
                .replaceWithVoid();
    }

    private Uni<Void> suppressWaiting(SqlClient tx, String contactId, String pseudonym) {
        Instant now = Instant.now();
        return tx.preparedQuery("select message_id from outgoing_message where contact_id = $1 and status = 'pending' for update")
                .execute(Tuple.of(contactId))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getString("message_id"))
                .onItem().transformToUniAndConcatenate(messageId -> outgoing
                        .markFinal(tx, messageId, DeliveryStatus.SUPPRESSED, REASON, now)
                        .chain(() -> changes.publish(tx, new DeliveryStatus(messageId, pseudonym, DeliveryStatus.SUPPRESSED,
                                REASON, null, null, null, now))))
                .collect().last()
                .replaceWithVoid();
    }
}

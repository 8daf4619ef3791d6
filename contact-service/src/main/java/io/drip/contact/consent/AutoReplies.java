package io.drip.contact.consent;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Replies to keywords and double opt-in requests: transactional send commands on
 * {@code drip.sends.v1} through the outbox (dispatch sends transactional SMS regardless of
 * marketing consent and quiet hours). An empty configured text sends nothing.
 */
@ApplicationScoped
public class AutoReplies {

    @Inject
    Outbox outbox;

    /**
     * @param idempotencyKey names the cause (e.g. the inbound SMS id), so a redelivered cause
     *                       never sends a second reply
     */
    public Uni<Void> send(SqlClient tx, String contactId, String text, String idempotencyKey, Instant now) {
        if (text == null || text.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        SendCommand command = new SendCommand(UUID.randomUUID().toString(), idempotencyKey, contactId, null, null,
                null, null, Consent.SMS, SendCommand.TRANSACTIONAL, text, null, null, null, now);
        return outbox.add(tx, Topics.SENDS, contactId, command);
    }
}

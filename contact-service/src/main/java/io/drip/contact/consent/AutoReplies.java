package io.drip.contact.consent;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Replies to keywords and double opt-in requests: transactional send commands on
 * {@code drip.sends.v1} through the outbox (dispatch sends transactional SMS regardless of
 * marketing consent and quiet hours, and keyword replies regardless of any consent). An empty
 * configured text sends nothing.
 */
@ApplicationScoped
public class AutoReplies {

    @Inject
    Outbox outbox;

    /** Answers the keyword of inbound SMS {@code inboundId}, once however often it is redelivered. */
    public Uni<Void> answer(SqlClient tx, String contactId, Optional<String> text, String inboundId, Instant at) {
        return send(tx, contactId, text, () -> SendCommand.keywordReply(contactId, inboundId, text.get(), at));
    }

    /**
     * @param idempotencyKey names the cause (e.g. the opt-in request), so a redelivered cause
     *                       never sends a second message
     */
    public Uni<Void> send(SqlClient tx, String contactId, Optional<String> text, String idempotencyKey, Instant now) {
        return send(tx, contactId, text, () -> new SendCommand(UUID.randomUUID().toString(), idempotencyKey, contactId,
                null, null, null, null, Consent.SMS, SendCommand.TRANSACTIONAL, text.get(), null, null, null, now));
    }

    private Uni<Void> send(SqlClient tx, String contactId, Optional<String> text, Supplier<SendCommand> command) {
        if (text.filter(t -> !t.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.add(tx, Topics.SENDS, contactId, command.get());
    }
}

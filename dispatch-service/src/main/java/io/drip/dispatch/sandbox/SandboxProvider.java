package io.drip.dispatch.sandbox;

import io.drip.dispatch.send.Outgoing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in provider: "sends" by recording the message in dispatch's database (the sandbox
 * inbox), in the dispatch transaction, and schedules a simulated delivery receipt.
 */
@ApplicationScoped
public class SandboxProvider {
    public static final String NAME = "sandbox";

    @ConfigProperty(name = "drip.sandbox.receipt-delay")
    Duration receiptDelay;

    /** Returns the provider's id for the message. */
    public Uni<String> send(SqlClient tx, Outgoing message, String to, Instant now) {
        String id = "SB" + UUID.randomUUID().toString().replace("-", "");
        return tx.preparedQuery("""
                        insert into sandbox_message (id, message_id, to_phone, text, status, created_at, receipt_due_at)
                        values ($1, $2, $3, $4, 'sent', $5, $6)""")
                .execute(Tuple.of(id, message.messageId(), to, message.text(), now.atOffset(ZoneOffset.UTC),
                        now.plus(receiptDelay).atOffset(ZoneOffset.UTC)))
                .replaceWith(id);
    }
}

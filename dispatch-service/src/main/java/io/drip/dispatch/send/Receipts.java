package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.policy.UndeliverableNumbers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Applies delivery receipts (DLRs) from any provider: the message the provider knows by its id
 * becomes delivered, undelivered or failed, once; a repeated receipt, or one for a message
 * already final, changes nothing (receipts are idempotent by provider id and status).
 */
@ApplicationScoped
public class Receipts {

    /** What a receipt reports. */
    public record Receipt(String provider, String providerMessageId, String status, String reason,
            boolean numberUndeliverable, Instant at) {
    }

    /** The outcome of applying a receipt. */
    public enum Applied { APPLIED, ALREADY_FINAL, UNKNOWN_MESSAGE }

    @Inject
    OutgoingMessages outgoing;

    @Inject
    StatusChanges changes;

    @Inject
    UndeliverableNumbers undeliverable;

    public Uni<Applied> apply(SqlClient tx, Receipt receipt) {
        return tx.preparedQuery("""
                        select message_id, contact_id, status, to_phone from outgoing_message
                        where provider = $1 and provider_message_id = $2 for update""")
                .execute(Tuple.of(receipt.provider(), receipt.providerMessageId()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Applied.UNKNOWN_MESSAGE);
                    }
                    Row row = rows.iterator().next();
                    if (!DeliveryStatus.SENT.equals(row.getString("status"))) {
                        return Uni.createFrom().item(Applied.ALREADY_FINAL);
                    }
                    String messageId = row.getString("message_id");
                    Uni<Void> number = receipt.numberUndeliverable()
                            ? undeliverable.mark(tx, row.getString("to_phone"), receipt.reason(), receipt.provider(),
                                    receipt.at())
                            : Uni.createFrom().voidItem();
                    return number
                            .chain(() -> outgoing.markFinal(tx, messageId, receipt.status(), receipt.reason(), receipt.at()))
                            .chain(() -> changes.publish(tx, new DeliveryStatus(messageId, row.getString("contact_id"),
                                    receipt.status(), receipt.reason(), receipt.provider(), receipt.providerMessageId(),
                                    null, receipt.at())))
                            .replaceWith(Applied.APPLIED);
                });
    }
}

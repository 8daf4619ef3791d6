package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.policy.UndeliverableNumbers;
import io.drip.kit.consume.InOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies delivery receipts (DLRs) from any provider: the message the provider knows by its id
 * becomes delivered, undelivered or failed, once; a repeated receipt, or one for a message
 * already final, changes nothing (receipts are idempotent by provider id and status). A receipt
 * for an id not recorded yet (it overtook the commit of 'sent') is parked and applied when the
 * message is recorded as sent.
 */
@ApplicationScoped
public class Receipts {

    /** What a receipt reports. */
    public record Receipt(String provider, String providerMessageId, String status, String reason,
            boolean numberUndeliverable, Instant at) {
    }

    @Inject
    OutgoingMessages outgoing;

    @Inject
    StatusChanges changes;

    @Inject
    UndeliverableNumbers undeliverable;

    public Uni<Void> apply(SqlClient tx, Receipt receipt) {
        return tx.preparedQuery("""
                        select message_id, contact_id, status, to_phone from outgoing_message
                        where provider = $1 and provider_message_id = $2 for update""")
                .execute(Tuple.of(receipt.provider(), receipt.providerMessageId()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return park(tx, receipt);
                    }
                    Row row = rows.iterator().next();
                    if (!DeliveryStatus.SENT.equals(row.getString("status"))) {
                        return Uni.createFrom().voidItem(); // already final
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
                                    null, receipt.at())));
                });
    }

    /**
     * Applies the receipts that came before these messages were recorded as sent, if any did, in
     * one round trip when none did.
     *
     * @param providers          the provider of each message
     * @param providerMessageIds that provider's id of the message, in the same order
     */
    public Uni<Void> applyParked(SqlClient tx, List<String> providers, List<String> providerMessageIds) {
        if (providers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        delete from early_receipt e using unnest($1::text[], $2::text[]) as r(provider, provider_message_id)
                        where e.provider = r.provider and e.provider_message_id = r.provider_message_id
                        returning e.provider, e.provider_message_id, e.status, e.reason, e.number_undeliverable, e.at""")
                .execute(Tuple.of(providers.toArray(new String[0]), providerMessageIds.toArray(new String[0])))
                .chain(rows -> {
                    List<Receipt> parked = new ArrayList<>();
                    rows.forEach(row -> parked.add(new Receipt(row.getString("provider"), row.getString("provider_message_id"),
                            row.getString("status"), row.getString("reason"), row.getBoolean("number_undeliverable"),
                            row.getOffsetDateTime("at").toInstant())));
                    return InOrder.each(parked, receipt -> apply(tx, receipt));
                });
    }

    private Uni<Void> park(SqlClient tx, Receipt receipt) {
        return tx.preparedQuery("""
                        insert into early_receipt (provider, provider_message_id, status, reason, number_undeliverable, at)
                        values ($1, $2, $3, $4, $5, $6) on conflict do nothing""")
                .execute(Tuple.from(new Object[] {receipt.provider(), receipt.providerMessageId(), receipt.status(),
                        receipt.reason(), receipt.numberUndeliverable(), receipt.at().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }
}

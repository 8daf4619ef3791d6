package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.policy.UndeliverableNumbers;
import io.drip.kit.consume.InOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return applyAll(tx, List.of(receipt));
    }

    /**
     * Applies many receipts with a statement per table, not per receipt (the sandbox's receipts come
     * due by the hundred). Of two receipts for one message, the first wins, as it would one after the
     * other. The messages are locked in message id order, so two batches never wait on each other in
     * a cycle.
     */
    public Uni<Void> applyAll(SqlClient tx, List<Receipt> receipts) {
        Map<String, Receipt> byProviderId = new LinkedHashMap<>();
        receipts.forEach(receipt -> byProviderId.putIfAbsent(key(receipt.provider(), receipt.providerMessageId()), receipt));
        if (byProviderId.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Receipt> distinct = List.copyOf(byProviderId.values());
        return tx.preparedQuery("""
                        select provider, provider_message_id, message_id, contact_id, status, to_phone from outgoing_message
                        where (provider, provider_message_id) in (select * from unnest($1::text[], $2::text[]))
                        order by message_id for update""")
                .execute(Tuple.of(distinct.stream().map(Receipt::provider).toArray(String[]::new),
                        distinct.stream().map(Receipt::providerMessageId).toArray(String[]::new)))
                .chain(rows -> {
                    List<Sent> sent = new ArrayList<>();
                    rows.forEach(row -> {
                        Receipt receipt = byProviderId.remove(key(row.getString("provider"), row.getString("provider_message_id")));
                        // null: a second message under the same provider id, which one receipt does not settle twice
                        if (receipt != null && DeliveryStatus.SENT.equals(row.getString("status"))) { // else already final
                            sent.add(new Sent(receipt, row.getString("message_id"), row.getString("contact_id"),
                                    row.getString("to_phone")));
                        }
                    });
                    // what is left in the map was not found: the receipt overtook the commit of 'sent'
                    return park(tx, List.copyOf(byProviderId.values())).chain(() -> settle(tx, sent));
                });
    }

    /** A receipt for a message recorded as sent, with what the message says of itself. */
    private record Sent(Receipt receipt, String messageId, String contactId, String phone) {
    }

    private Uni<Void> settle(SqlClient tx, List<Sent> sent) {
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Sent> numbers = sent.stream().filter(s -> s.receipt().numberUndeliverable()).toList();
        return InOrder.each(numbers, s -> undeliverable.mark(tx, s.phone(), s.receipt().reason(), s.receipt().provider(),
                        s.receipt().at()))
                .chain(() -> outgoing.markFinalAll(tx, sent.stream().map(Sent::messageId).toList(),
                        sent.stream().map(s -> s.receipt().status()).toList(),
                        sent.stream().map(s -> s.receipt().reason()).toList(),
                        sent.stream().map(s -> s.receipt().at()).toList()))
                .chain(() -> changes.publishAll(tx, sent.stream().map(s -> new DeliveryStatus(s.messageId(), s.contactId(),
                        s.receipt().status(), s.receipt().reason(), s.receipt().provider(), s.receipt().providerMessageId(),
                        null, s.receipt().at())).toList()));
    }

    private static String key(String provider, String providerMessageId) {
        return provider + '\n' + providerMessageId;
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
                    return applyAll(tx, parked);
                });
    }

    private Uni<Void> park(SqlClient tx, List<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into early_receipt (provider, provider_message_id, status, reason, number_undeliverable, at)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::timestamptz[])
                        on conflict do nothing""")
                .execute(Tuple.from(new Object[] {receipts.stream().map(Receipt::provider).toArray(String[]::new),
                        receipts.stream().map(Receipt::providerMessageId).toArray(String[]::new),
                        receipts.stream().map(Receipt::status).toArray(String[]::new),
                        receipts.stream().map(Receipt::reason).toArray(String[]::new),
                        receipts.stream().map(Receipt::numberUndeliverable).toArray(Boolean[]::new),
                        receipts.stream().map(r -> r.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)}))
                .replaceWithVoid();
    }
}

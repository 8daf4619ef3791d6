package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.randomNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drip.contracts.DeliveryStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch of receipts, applied together as the sandbox's come due, on PostgreSQL: each message
 * changes once, by its first receipt; a final message stays as it is; an unknown id is parked and
 * applied when its message is recorded as sent.
 */
@QuarkusTest
class ReceiptsTest {
    private static final String PROVIDER = "twilio";
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Inject
    Pool pool;

    @Inject
    Receipts receipts;

    /** A message the provider took under {@code providerId}, in {@code status}; returns its id. */
    private String message(String providerId, String status, String phone) {
        String messageId = UUID.randomUUID().toString();
        pool.preparedQuery("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, category, text, sent_text,
                          segments, encoding, command, status, provider, provider_message_id, route, to_phone, attempts,
                          created_at, age_from)
                        values ($1, $1, $2, 'marketing', 'Hello', 'Hello', 1, 'GSM7', '{}', $3, $4, $5, 'default', $6, 1, $7, $7)""")
                .execute(Tuple.from(new Object[] {messageId, "c-" + UUID.randomUUID(), status, PROVIDER, providerId, phone,
                        AT.minusSeconds(60).atOffset(ZoneOffset.UTC)}))
                .await().indefinitely();
        return messageId;
    }

    private Row row(String messageId) {
        return pool.preparedQuery("select status, reason, delivered_at from outgoing_message where message_id = $1")
                .execute(Tuple.of(messageId)).await().indefinitely().iterator().next();
    }

    private long count(String sql, String value) {
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }

    private long events(String messageId) {
        return count("select count(*) from message_event where message_id = $1", messageId);
    }

    private static Receipts.Receipt receipt(String providerId, String status, boolean numberUndeliverable) {
        String reason = DeliveryStatus.DELIVERED.equals(status) ? null : "30005";
        return new Receipts.Receipt(PROVIDER, providerId, status, reason, numberUndeliverable, AT);
    }

    @Test
    void aBatchChangesEachMessageOnceByItsFirstReceiptAndParksUnknownIds() {
        String delivered = "SM" + UUID.randomUUID();
        String undelivered = "SM" + UUID.randomUUID();
        String alreadyFinal = "SM" + UUID.randomUUID();
        String early = "SM" + UUID.randomUUID();
        String deadNumber = randomNumber("+336", 11);
        String first = message(delivered, DeliveryStatus.SENT, randomNumber("+336", 11));
        String second = message(undelivered, DeliveryStatus.SENT, deadNumber);
        String finalOne = message(alreadyFinal, DeliveryStatus.DELIVERED, randomNumber("+336", 11));

        pool.withTransaction(tx -> receipts.applyAll(tx, List.of(
                receipt(delivered, DeliveryStatus.DELIVERED, false),
                receipt(undelivered, DeliveryStatus.UNDELIVERED, true),
                receipt(delivered, DeliveryStatus.UNDELIVERED, false), // a repeat with another status: too late
                receipt(alreadyFinal, DeliveryStatus.UNDELIVERED, false),
                receipt(early, DeliveryStatus.DELIVERED, false)))).await().indefinitely();

        assertEquals(DeliveryStatus.DELIVERED, row(first).getString("status"));
        assertEquals(AT, row(first).getOffsetDateTime("delivered_at").toInstant());
        assertEquals(1, events(first));
        assertEquals(DeliveryStatus.UNDELIVERED, row(second).getString("status"));
        assertEquals("30005", row(second).getString("reason"));
        assertNull(row(second).getOffsetDateTime("delivered_at"));
        assertEquals(1, events(second));
        assertEquals(1, count("select count(*) from undeliverable_number where phone = $1", deadNumber));
        assertEquals(DeliveryStatus.DELIVERED, row(finalOne).getString("status"));
        assertEquals(0, events(finalOne));
        assertEquals(1, count("select count(*) from early_receipt where provider_message_id = $1", early));

        // the message the early receipt was for is recorded as sent: the parked receipt applies then
        String late = message(early, DeliveryStatus.SENT, randomNumber("+336", 11));
        pool.withTransaction(tx -> receipts.applyParked(tx, List.of(PROVIDER), List.of(early))).await().indefinitely();
        assertEquals(DeliveryStatus.DELIVERED, row(late).getString("status"));
        assertNotNull(row(late).getOffsetDateTime("delivered_at"));
        assertEquals(1, events(late));
        assertEquals(0, count("select count(*) from early_receipt where provider_message_id = $1", early));
    }
}

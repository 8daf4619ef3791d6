package io.drip.dispatch.message;

import static io.drip.dispatch.Sends.publishContact;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.Sends;
import io.drip.testing.TestKeys;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A tombstone on drip.contacts.v1 (the contact was erased) takes the number and texts out of its messages. */
@QuarkusTest
class MessageErasureTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    private List<Row> rows(String sql, Object... params) {
        return Rows.of(pool, sql, params);
    }

    @Test
    void anErasedContactsMessagesKeepTheirCountsButNotTheNumberOrText() {
        String contactId = "c-" + UUID.randomUUID();
        String phone = Sends.randomNumber("+316", 11);
        SendCommand later = new SendCommand(UUID.randomUUID().toString(), "k-later-" + UUID.randomUUID(), contactId, "welcome", 1,
                "later", null, "sms", SendCommand.TRANSACTIONAL, "Your code for tomorrow", List.of(),
                Instant.now().plus(Duration.ofHours(1)), null, Instant.now());
        SendCommand now;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            publishContact(contactId, phone, null);
            now = Sends.send(contactId, "Hello Ada");
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(later));
            deliveries.await(r -> Sends.is(r, now.messageId(), "delivered"), WAIT);
        }
        pool.preparedQuery("insert into inbound_message (id, contact_id, from_phone, to_phone, text, provider, at) "
                        + "values ($1, $2, $3, '+3197010000000', 'Where is my order, Ada?', 'sandbox', $4)")
                .execute(Tuple.of("sandbox:" + contactId, contactId, phone, Instant.now().atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(5));
        Awaitility.await().atMost(WAIT).until(() -> !rows("select 1 from outgoing_message where message_id = $1 "
                + "and status = 'pending'", later.messageId()).isEmpty());

        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.CONTACTS, contactId, null);
            var suppressed = status(deliveries.await(r -> status(r).messageId().equals(later.messageId()), WAIT));
            assertEquals("suppressed", suppressed.status());
            assertEquals("erased", suppressed.reason());
            assertFalse(contactId.equals(suppressed.contactId()), "the status carries the pseudonym");
        }

        List<Row> messages = rows("select contact_id, text, sent_text, to_phone, status, command::text as command, country "
                + "from outgoing_message where message_id = any($1) order by status",
                (Object) new String[] {now.messageId(), later.messageId()});
        assertEquals(2, messages.size());
        for (Row message : messages) {
            assertTrue(message.getString("contact_id").startsWith("erased-"), message.toJson().encode());
            assertEquals("", message.getString("text"));
            assertNull(message.getString("sent_text"));
            assertNull(message.getString("to_phone"));
            assertFalse(message.getString("command").contains("Ada") || message.getString("command").contains(contactId),
                    message.getString("command"));
        }
        assertEquals(messages.get(0).getString("contact_id"), messages.get(1).getString("contact_id"));
        assertEquals("delivered", messages.get(0).getString("status"), "kept for the delivery reports");
        assertEquals("NL", messages.get(0).getString("country"), "kept for the delivery reports");
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200).body("$", hasSize(0));
        assertEquals(List.of(), rows("select 1 from outgoing_message where contact_id = $1", contactId));
        Row inbound = rows("select contact_id, from_phone, text from inbound_message where id = $1", "sandbox:" + contactId)
                .get(0);
        assertEquals(messages.get(0).getString("contact_id"), inbound.getString("contact_id"));
        assertEquals("", inbound.getString("from_phone"));
        assertEquals("", inbound.getString("text"));
    }

    @Test
    void aSendCommandThatArrivesAfterTheTombstoneIsSuppressedWithoutNumberOrText() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, Sends.randomNumber("+316", 11), null);
        Awaitility.await().atMost(WAIT).until(() -> !rows("select 1 from contact_snapshot where id = $1", contactId).isEmpty());
        SendCommand late = Sends.command(contactId, "k-late-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL,
                "Your code, Ada: 1234");
        TopicProbe.produce(Topics.CONTACTS, contactId, null);
        Awaitility.await().atMost(WAIT).until(() -> rows("select 1 from contact_snapshot where id = $1", contactId).isEmpty());

        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(late));
            var suppressed = status(deliveries.await(r -> status(r).messageId().equals(late.messageId()), WAIT));
            assertEquals("suppressed", suppressed.status());
            assertEquals("erased", suppressed.reason());
            assertTrue(suppressed.contactId().startsWith("erased-"), "the status carries a pseudonym: " + suppressed.contactId());
        }
        Row message = rows("select contact_id, text, to_phone, command::text as command from outgoing_message "
                + "where message_id = $1", late.messageId()).get(0);
        assertTrue(message.getString("contact_id").startsWith("erased-"), message.toJson().encode());
        assertEquals("", message.getString("text"));
        assertNull(message.getString("to_phone"));
        assertFalse(message.getString("command").contains("Ada") || message.getString("command").contains(contactId),
                message.getString("command"));
        assertEquals(List.of(), rows("select 1 from outgoing_message where contact_id = $1", contactId));
    }

}

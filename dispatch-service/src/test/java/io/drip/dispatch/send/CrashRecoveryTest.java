package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Topics;
import io.drip.dispatch.http.HttpGatewayStandIn;
import io.drip.dispatch.twilio.TwilioStandIn;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica crashed between a provider call and the commit of its outcome: its message is left
 * 'sending' (the attempt committed before the call) and nothing records what the provider did.
 * These tests write exactly that state, as the crashed replica leaves it, and check how the
 * surviving replica settles it once the lease ({@code drip.dispatch.sending-lease}) runs out.
 */
@QuarkusTest
@QuarkusTestResource(TwilioStandIn.class)
class CrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    /** The row of a message whose attempt on {@code provider} started a minute ago and never ended. */
    private String interruptedAttempt(String contactId, String phone, String route, String provider) {
        String messageId = UUID.randomUUID().toString();
        pool.preparedQuery("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, category, text, sent_text,
                          segments, encoding, command, status, provider, route, to_phone, attempts, sending_since, created_at,
                          age_from)
                        values ($1, $1, $2, 'transactional', 'Your code is 9090', 'Your code is 9090', 1, 'GSM7', '{}',
                          'sending', $3, $4, $5, 1, $6, $6, $6)""")
                .execute(Tuple.from(new Object[] {messageId, contactId, provider, route, phone,
                        Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC)}))
                .await().indefinitely();
        return messageId;
    }

    private long sandboxCopies(String messageId) {
        return pool.preparedQuery("select count(*) as n from sandbox_message where message_id = $1")
                .execute(Tuple.of(messageId)).await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void aMessageTheProviderTookBeforeTheCrashIsRecordedAsSentAndNotSentAgain() throws Exception {
        String phone = randomNumber("+336", 11);
        String contactId = contactWith(phone);
        String messageId = interruptedAttempt(contactId, phone, "default", "sandbox");
        String providerId = "SB-before-crash-" + UUID.randomUUID();
        pool.preparedQuery("""
                        insert into sandbox_message (id, message_id, to_phone, text, status, created_at, receipt_due_at)
                        values ($1, $2, $3, 'Your code is 9090', 'sent', now(), now() + interval '1 hour')""")
                .execute(Tuple.of(providerId, messageId, phone)).await().indefinitely();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var sent = status(deliveries.await(r -> is(r, messageId, "sent"), WAIT));
            assertEquals(providerId, sent.providerMessageId());
            assertEquals(1, deliveries.all(r -> status(r).messageId().equals(messageId), Duration.ofSeconds(2)).size());
        }
        assertEquals(1, sandboxCopies(messageId));
    }

    @Test
    void aMessageTheIdempotentProviderNeverGotIsSubmittedAgainOnce() throws Exception {
        String phone = randomNumber("+336", 11);
        String contactId = contactWith(phone);
        String messageId = interruptedAttempt(contactId, phone, "default", "sandbox");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var queued = status(deliveries.await(r -> is(r, messageId, "queued"), WAIT));
            assertEquals(SendingRecovery.INTERRUPTED, queued.reason());
            deliveries.await(r -> is(r, messageId, "sent"), WAIT);
        }
        assertEquals(1, sandboxCopies(messageId));
    }

    @Test
    void aMessageInterruptedOnADeduplicatingGatewayGoesBackToThatGatewayWithTheSameKeyNeverToAnotherProvider() {
        // sandbox comes first on the route: the attempt went to the gateway while sandbox's breaker was open
        String phone = randomNumber("+4477004");
        String contactId = contactWith(phone);
        String messageId = interruptedAttempt(contactId, phone, "pinned", "http");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var queued = status(deliveries.await(r -> is(r, messageId, "queued"), WAIT));
            assertEquals(SendingRecovery.INTERRUPTED, queued.reason());
            var sent = status(deliveries.await(r -> is(r, messageId, "sent"), WAIT));
            assertEquals("http", sent.provider());
            assertEquals(HttpGatewayStandIn.idFor(messageId), sent.providerMessageId());
        }
        assertEquals(0, sandboxCopies(messageId), "sandbox would have sent a second SMS");
        assertEquals(List.of(messageId), HttpGatewayStandIn.TAKEN.stream().map(HttpGatewayStandIn.Taken::idempotencyKey)
                .filter(messageId::equals).toList());
    }

    @Test
    void aMessageTwilioTookBeforeTheCrashIsFoundInItsListAndRecordedAsSentWithItsSid() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        // the same text to the same number before this message existed is another message
        TwilioStandIn.TAKEN.add(new TwilioStandIn.Taken("SM-earlier-" + UUID.randomUUID(), phone, "+15005550006",
                "Your code is 9090", null, null, Instant.now().minus(Duration.ofMinutes(5)), List.of()));
        String messageId = interruptedAttempt(contactId, phone, "twilio", "twilio");
        String sid = "SM-before-crash-" + UUID.randomUUID();
        TwilioStandIn.TAKEN.add(new TwilioStandIn.Taken(sid, phone, "+15005550006", "Your code is 9090", null, null,
                Instant.now(), List.of()));
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var sent = status(deliveries.await(r -> is(r, messageId, "sent"), WAIT));
            assertEquals(sid, sent.providerMessageId());
            assertEquals("twilio", sent.provider());
        }
        assertEquals(2, TwilioStandIn.takenFor(phone).size(), "not submitted again");
    }

    @Test
    void aMessageWhoseFateTwilioCannotTellFailsRatherThanRiskingASecondSms() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        String messageId = interruptedAttempt(contactId, phone, "twilio", "twilio");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var failed = status(deliveries.await(r -> is(r, messageId, "failed"), WAIT));
            assertEquals(AttemptOutcomes.OUTCOME_UNKNOWN, failed.reason());
            assertEquals("twilio", failed.provider());
        }
        assertEquals(0, TwilioStandIn.takenFor(phone).size());
    }

    @Test
    void noRowIsLockedWhileTheProviderIsAsked() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        TwilioStandIn.listDelayMillis = 4000;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            int readsBefore = TwilioStandIn.LIST_READS.get();
            String messageId = interruptedAttempt(contactId, phone, "twilio", "twilio");
            Awaitility.await("the recovery asks Twilio").atMost(WAIT)
                    .until(() -> TwilioStandIn.LIST_READS.get() > readsBefore);
            // Twilio has not answered yet: a status webhook for the message takes its row at once
            pool.withTransaction(tx -> tx.preparedQuery(
                            "select status from outgoing_message where message_id = $1 for update nowait")
                    .execute(Tuple.of(messageId))).await().atMost(Duration.ofSeconds(2));
            var failed = status(deliveries.await(r -> is(r, messageId, "failed"), WAIT));
            assertEquals(AttemptOutcomes.OUTCOME_UNKNOWN, failed.reason());
            assertEquals(1, deliveries.all(r -> status(r).messageId().equals(messageId)
                    && !status(r).status().equals("queued"), Duration.ofSeconds(1)).size(), "settled once");
        } finally {
            TwilioStandIn.listDelayMillis = 0;
        }
    }
}

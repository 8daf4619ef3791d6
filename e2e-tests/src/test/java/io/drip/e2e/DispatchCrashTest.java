package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dispatch-service as a process, killed with SIGKILL between its call to the gateway and the
 * commit of the outcome, then started again: the guarantee of docs/sending.md ("Crash between
 * the provider call and the commit"). A gateway that honours the idempotency key sends the SMS
 * once whatever the moment of the crash; one that does not is never called twice and the
 * message is reported failed / outcome_unknown.
 */
class DispatchCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * Short leases so the restarted replica settles the interrupted attempt at once and takes
     * over the dead replica's outbox relay soon.
     */
    private static final Map<String, String> FAST_RECOVERY = Map.of("DRIP_SENDING_LEASE", "PT3S",
            "DRIP_WORK_SENDING_RECOVERY_POLL_INTERVAL", "PT0.5S", "DRIP_OUTBOX_LEASE", "PT2S");

    private GatewayStandIn gateway;
    private DispatchReplicas replicas;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayStandIn.start();
        replicas = DispatchReplicas.fresh("drip_dispatch_e2e_crash");
    }

    @AfterEach
    void stop() {
        replicas.close();
        gateway.close();
    }

    private Map<String, String> settings(boolean idempotentGateway) {
        Map<String, String> settings = new HashMap<>(FAST_RECOVERY);
        settings.put("DRIP_HTTP_PROVIDER_IDEMPOTENT", Boolean.toString(idempotentGateway));
        return settings;
    }

    /** Kills the replica at the gateway's first request, at the moment chosen; returns when it is dead. */
    private CompletableFuture<Void> killAtFirstRequest(ServiceProcess dispatch, boolean afterAnswering) {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        GatewayStandIn.Hook kill = (request, number) -> {
            if (number == 1) {
                dispatch.kill();
                killed.complete(null);
            }
        };
        if (afterAnswering) {
            gateway.afterAnswer(kill);
        } else {
            gateway.beforeAnswer(kill);
        }
        return killed;
    }

    private String status(String messageId) throws Exception {
        try (var db = replicas.database()) {
            var query = db.prepareStatement("select status, reason from outgoing_message where message_id = ?");
            query.setString(1, messageId);
            var row = query.executeQuery();
            assertTrue(row.next(), messageId + " was queued");
            return row.getString("status") + (row.getString("reason") == null ? "" : "/" + row.getString("reason"));
        }
    }

    /**
     * Sends one message through a replica killed at the gateway's first call (before or just
     * after it answered), then starts another replica; returns the message's id.
     */
    private String sendThroughACrash(boolean idempotentGateway, boolean killAfterAnswering, String text)
            throws Exception {
        ServiceProcess first = replicas.start(0, gateway.url("/sms"), settings(idempotentGateway));
        CompletableFuture<Void> killed = killAtFirstRequest(first, killAfterAnswering);
        String messageId = DispatchReplicas.send(DispatchReplicas.contact(), text);
        killed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!killAfterAnswering) {
            assertEquals("sending", status(messageId), "the attempt was committed before the call");
        }
        // (after answering, the replica may or may not have committed 'sent' before it died)
        replicas.start(1, gateway.url("/sms"), settings(idempotentGateway));
        return messageId;
    }

    @Test
    void killedBeforeTheIdempotentGatewayAnsweredTheMessageIsSubmittedAgainWithTheSameKeyAndSentOnce() throws Exception {
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String messageId = sendThroughACrash(true, false, "Your code is 4711");
            DeliveryStatus sent = DispatchReplicas.awaitStatus(deliveries, messageId, DeliveryStatus.SENT, WAIT);

            // called before the crash and again after (more often only if recording failed again)
            List<GatewayStandIn.Request> requests = gateway.requests();
            assertTrue(requests.size() >= 2, "called again after the crash: " + requests);
            requests.forEach(r -> assertEquals(messageId, r.idempotencyKey(), "every call carries the message id as key"));
            requests.forEach(r -> assertEquals("Your code is 4711", r.text(), "the same text every time"));
            assertEquals(1, gateway.smsSent());
            assertTrue(sent.providerMessageId().endsWith(messageId), sent.providerMessageId());

            List<DeliveryStatus> published = DispatchReplicas.statuses(deliveries, Set.of(messageId), Duration.ofSeconds(3));
            assertEquals(List.of("queued/attempt_interrupted", "sent"), published.stream()
                    .map(s -> s.status() + (s.reason() == null ? "" : "/" + s.reason())).toList());
            assertEquals("sent", status(messageId));
        }
    }

    @Test
    void killedJustAfterTheIdempotentGatewayAnsweredTheMessageIsRecordedSentOnceWithTheGatewaysId() throws Exception {
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String messageId = sendThroughACrash(true, true, "Your code is 4712");
            Awaitility.await().atMost(WAIT).until(() -> status(messageId).equals("sent"));
            // the dead replica may have committed 'sent' with its status still in the outbox:
            // the new replica publishes it once it holds the relay's lease
            DispatchReplicas.awaitStatus(deliveries, messageId, DeliveryStatus.SENT, WAIT);

            List<DeliveryStatus> sent = DispatchReplicas.statuses(deliveries, Set.of(messageId), Duration.ofSeconds(3))
                    .stream().filter(s -> s.status().equals(DeliveryStatus.SENT)).toList();
            assertEquals(1, sent.size(), "sent published once: " + sent);
            assertEquals("GW-0-" + messageId, sent.get(0).providerMessageId());
            assertEquals(1, gateway.smsSent());
            gateway.requests().forEach(r -> assertEquals(messageId, r.idempotencyKey()));
        }
    }

    @Test
    void killedBeforeAGatewayWithoutIdempotencyAnsweredTheMessageFailsAndIsNeverSubmittedAgain() throws Exception {
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String messageId = sendThroughACrash(false, false, "Your code is 4713");
            DeliveryStatus failed = DispatchReplicas.awaitStatus(deliveries, messageId, DeliveryStatus.FAILED, WAIT);
            assertEquals("outcome_unknown", failed.reason());
            assertEquals("http", failed.provider());
            assertEquals("failed/outcome_unknown", status(messageId));
            Thread.sleep(3000); // long enough for a wrong resubmission to show
            assertEquals(1, gateway.requests().size(), "called once, before the crash: " + gateway.requests());
        }
    }
}

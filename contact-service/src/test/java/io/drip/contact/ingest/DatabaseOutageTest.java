package io.drip.contact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Click;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.kit.consume.ConsumerHealth;
import io.drip.testing.DatabaseThroughProxy;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable (its connections cut through a TCP proxy, as in a restart) while
 * identifies, clicks and a STOP arrive on Kafka: contact-service's consumers wait, report not
 * ready, and dead-letter nothing; once it is back everything is applied. (The chaos run found
 * these consumers dead-lettering 195 events on "Connection reset".)
 */
@QuarkusTest
@TestProfile(DatabaseThroughProxy.class)
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);


    @Inject
    ConsumerHealth health;

    private static String identify(String contactId) {
        return """
                {"type":"identify","messageId":"m-%s","userId":"%s","traits":{"phone":"+3361%07d"},"timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), contactId, Math.abs(contactId.hashCode()) % 10_000_000, Instant.now());
    }

    private static String click(String contactId) {
        return MessageJson.write(new Click(UUID.randomUUID().toString(), "Ab3dE5gH9k", UUID.randomUUID().toString(),
                contactId, "welcome", "hello", null, Instant.now(), "203.0.113.0", "Mozilla/5.0 (iPhone)", "mobile", false,
                null));
    }

    @Test
    void identifiesClicksAndAStopThatArriveWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNoneIsDeadLettered() {
        String stopping = "c-" + UUID.randomUUID();
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            during.add("c-" + UUID.randomUUID());
        }
        Set<String> keys = new HashSet<>(during);
        keys.add(stopping);
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var events = TopicProbe.watch(Topics.dlq(Topics.EVENTS));
                var clicks = TopicProbe.watch(Topics.dlq(Topics.CLICKS));
                var inbound = TopicProbe.watch(Topics.dlq(Topics.INBOUND))) {
            TopicProbe.produce(Topics.EVENTS, stopping, identify(stopping));
            contacts.await(r -> stopping.equals(r.key()), WAIT);

            DatabaseThroughProxy.DATABASE.cut();
            try {
                during.forEach(contactId -> TopicProbe.produce(Topics.EVENTS, contactId, identify(contactId)));
                during.forEach(contactId -> TopicProbe.produce(Topics.CLICKS, contactId, click(contactId)));
                TopicProbe.produce(Topics.INBOUND, stopping, MessageJson.write(InboundSms.keyword("sandbox:" + UUID.randomUUID(),
                        stopping, "+33600000000", "+33700000000", "STOP", "STOP", InboundSms.Action.OPT_OUT, "sandbox",
                        Instant.now())));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                        () -> health.call().getStatus() == HealthCheckResponse.Status.DOWN);
                Awaitility.await().pollDelay(Duration.ofSeconds(8)).until(() -> true); // down for a while
            } finally {
                DatabaseThroughProxy.DATABASE.restore();
            }

            for (String contactId : during) {
                contacts.await(r -> contactId.equals(r.key()), WAIT);
            }
            contacts.await(r -> stopping.equals(r.key()) && r.value().contains("opted_out"), WAIT);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> health.call().getStatus() == HealthCheckResponse.Status.UP);
            assertEquals(List.of(), events.all(r -> keys.contains(r.key()), Duration.ofMillis(300)), "no event dead-lettered");
            assertEquals(List.of(), clicks.all(r -> keys.contains(r.key()), Duration.ofMillis(300)), "no click dead-lettered");
            assertEquals(List.of(), inbound.all(r -> keys.contains(r.key()), Duration.ofMillis(300)), "no STOP dead-lettered");
        }
    }
}

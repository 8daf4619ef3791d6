package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
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
 * PostgreSQL unreachable under load (its connections cut through a TCP proxy, as in a restart or
 * a failover): the consumers wait and retry, report not ready meanwhile, and dead-letter nothing;
 * once it is back, every event is applied once.
 */
@QuarkusTest
@TestProfile(DatabaseThroughProxy.class)
class DatabaseOutageTest {


    @Inject
    ConsumerHealth health;

    private static List<Map.Entry<String, String>> signUps(List<String> contacts) {
        return contacts.stream().map(contactId -> Map.entry(contactId, """
                {"type":"track","messageId":"m-%s","userId":"%s","event":"Test Signed Up","properties":{},"timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), contactId, Instant.now()))).toList();
    }

    private static List<String> newContacts(int count) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String contactId = "c-" + UUID.randomUUID();
            contacts.add(contactId);
            TestEvents.contact(contactId, "Ada");
        }
        return contacts;
    }

    @Test
    void eventsThatArriveWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNoneIsDeadLettered() {
        List<String> before = newContacts(30);
        List<String> during = newContacts(30);
        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        try (var sends = TopicProbe.watch(Topics.SENDS); var dlq = TopicProbe.watch(Topics.dlq(Topics.EVENTS));
                var contactsDlq = TopicProbe.watch(Topics.dlq(Topics.CONTACTS))) {
            TopicProbe.produceAll(Topics.EVENTS, signUps(before));
            DatabaseThroughProxy.DATABASE.cut();
            try {
                TopicProbe.produceAll(Topics.EVENTS, signUps(during));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                        () -> health.call().getStatus() == HealthCheckResponse.Status.DOWN);
                Awaitility.await().pollDelay(Duration.ofSeconds(8)).until(() -> true); // down for a while
            } finally {
                DatabaseThroughProxy.DATABASE.restore();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(all.size(),
                    sends.all(r -> all.contains(r.key()), Duration.ofMillis(300)).size()));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                    () -> health.call().getStatus() == HealthCheckResponse.Status.UP);
            Set<String> sentTo = new HashSet<>();
            for (var record : sends.all(r -> all.contains(r.key()), Duration.ofSeconds(3))) {
                sentTo.add(MessageJson.read(record.value(), SendCommand.class).contactId());
            }
            assertEquals(new HashSet<>(all), sentTo, "every sign-up sent once");
            assertEquals(all.size(), sends.all(r -> all.contains(r.key()), Duration.ofMillis(300)).size(), "none twice");
            assertEquals(List.of(), dlq.all(r -> all.contains(r.key()), Duration.ofMillis(300)), "nothing dead-lettered");
            assertEquals(List.of(), contactsDlq.all(r -> all.contains(r.key()), Duration.ofMillis(300)));
        }
    }
}

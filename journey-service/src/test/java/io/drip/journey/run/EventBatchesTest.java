package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** drip.events.v1 is applied in batches: one transaction for many records, one poison record alone to the DLQ. */
@QuarkusTest
class EventBatchesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String signUp(String contactId) {
        return track(contactId, "Test Signed Up");
    }

    private static String track(String contactId, String event) {
        return """
                {"type":"track","messageId":"%s","userId":"%s","event":"%s","properties":{},"timestamp":"%s"}"""
                .formatted("m-" + UUID.randomUUID(), contactId, event, Instant.now());
    }

    @Test
    void aPoisonRecordInABatchGoesToTheDlqAloneAndTheRestIsApplied() {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String contactId = "c-" + UUID.randomUUID();
            contacts.add(contactId);
            TestEvents.contact(contactId, "Ada");
        }
        String poisonKey = contacts.get(17);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (String contactId : contacts) {
            records.add(Map.entry(contactId, signUp(contactId)));
            if (contactId.equals(poisonKey)) {
                // same key, so the same partition and, produced together, the same batch
                records.add(Map.entry(poisonKey, "{\"type\":\"track\",\"event\":"));
            }
        }
        try (var sends = TopicProbe.watch(Topics.SENDS); var dlq = TopicProbe.watch(Topics.dlq(Topics.EVENTS))) {
            TopicProbe.produceAll(Topics.EVENTS, records);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(contacts.size(),
                    sends.all(r -> contacts.contains(r.key()), Duration.ofMillis(300)).size(), "one send per valid sign-up"));
            var dead = dlq.all(r -> contacts.contains(r.key()), Duration.ofSeconds(2));
            assertEquals(1, dead.size(), "only the poison record is dead-lettered: " + dead);
            assertEquals(poisonKey, dead.get(0).key());
        }
    }

    @Test
    void oneContactsEventsInOneBatchAreAppliedInOrder() {
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Ada");
        // browse enters test-reminder (it waits for a click); the purchase after it exits the run
        TopicProbe.produceAll(Topics.EVENTS, List.of(Map.entry(contactId, track(contactId, "Test Browse")),
                Map.entry(contactId, track(contactId, "Test Purchase"))));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            var journeys = TestEvents.journeysOf(contactId);
            assertEquals("exited", journeys.getString("find { it.journey == 'test-reminder' }.status"), journeys.prettify());
        });
    }
}

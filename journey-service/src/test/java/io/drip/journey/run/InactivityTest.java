package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The test-winback journey (src/test/resources/journeys/winback.yaml): a contact enters after
 * 3 s without events, each event restarts the clock, and its condition picks who enters.
 */
@QuarkusTest
class InactivityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static void activity(String contactId) {
        TestEvents.track(contactId, "view-" + UUID.randomUUID(), "Test Page Viewed", "{}");
    }

    @Test
    void aContactWhoGoesQuietEntersAndEveryEventRestartsTheClock() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Winnie");
            long start = System.nanoTime();
            activity(contactId);
            Thread.sleep(2000);
            activity(contactId); // the 3 s start again from here
            var send = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
            long after = (System.nanoTime() - start) / 1_000_000;
            assertEquals("We miss you, Winnie", send.text());
            assertTrue(after >= 4800, "entered " + after + " ms after the first event, 3 s after the last");
        }
    }

    @Test
    void theTriggersConditionDecidesWhoEnters() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Ada");
            activity(contactId);
            assertEquals(0, sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(6)).size());
        }
    }
}

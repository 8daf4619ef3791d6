package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.ServiceMetrics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The standard sign-up (an identify, then a track) may reach journey-service track first. A
 * trigger whose {@code when} reads the contact (test-vip: {@code first_name == 'Vera'}) then waits
 * for the contact's snapshot, with the contact's later events behind it, instead of being decided
 * false and dropped; a snapshot that never comes ends the wait after {@code drip.runs.contact-wait}.
 */
@QuarkusTest
@TestProfile(ContactWaitTest.ShortContactWait.class)
class ContactWaitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A wait short enough to see it run out. */
    public static class ShortContactWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.runs.contact-wait", "PT4S");
        }
    }

    @Inject
    Pool pool;

    private List<Row> runsOf(String contactId) {
        return Rows.of(pool, "select status, exit_reason from journey_run where contact_id = $1 and journey_id = 'test-vip'",
                contactId);
    }

    @Test
    void aTriggerThatReadsTheContactWaitsForItsSnapshot() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.track(contactId, "vip-" + contactId, "Test Vip Signed Up", "{}");
            Thread.sleep(1500); // the snapshot comes later, as it may after an identify
            TestEvents.contact(contactId, "Vera");
            var send = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
            assertEquals("Hi Vera", send.text());
        }
        Awaitility.await().atMost(WAIT).until(() -> Rows.of(pool,
                "select 1 from waiting_event where contact_id = $1", contactId).isEmpty());
    }

    @Test
    void theContactsLaterEventsWaitBehindItInTheirOrder() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.track(contactId, "vip-" + contactId, "Test Vip Signed Up", "{}");
        // it reads no contact, but applied before the sign-up it would find no run to leave
        TestEvents.track(contactId, "left-" + contactId, "Test Vip Left", "{}");
        Thread.sleep(1500);
        TestEvents.contact(contactId, "Vera");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            List<Row> runs = runsOf(contactId);
            assertEquals(1, runs.size(), "the sign-up entered the journey");
            assertEquals("exited", runs.get(0).getString("status"));
            assertEquals("exit_when", runs.get(0).getString("exit_reason"));
        });
    }

    @Test
    void aSnapshotThatNeverComesEndsTheWaitAndIsCounted() throws Exception {
        ServiceMetrics before = ServiceMetrics.scrape();
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.track(contactId, "vip-" + contactId, "Test Vip Signed Up", "{}");
        Awaitility.await().atMost(WAIT).until(() -> !Rows.of(pool,
                "select 1 from waiting_event where contact_id = $1", contactId).isEmpty());
        Awaitility.await().atMost(WAIT).until(() -> Rows.of(pool,
                "select 1 from waiting_event where contact_id = $1", contactId).isEmpty());
        assertEquals(List.of(), runsOf(contactId), "without the contact the condition does not hold");
        assertTrue(ServiceMetrics.scrape().since(before, "drip_journey_contact_waits_total", "outcome", "expired") >= 1);
    }
}

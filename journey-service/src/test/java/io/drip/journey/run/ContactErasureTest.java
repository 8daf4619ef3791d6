package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A tombstone on drip.contacts.v1 (the contact was erased) ends its runs and drops what they copied. */
@QuarkusTest
class ContactErasureTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    private List<Row> rows(String sql, Object... params) {
        return Rows.of(pool, sql, params);
    }

    @Test
    void anErasedContactsRunExitsAndKeepsNothingAboutThePerson() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Winifred");
            TestEvents.track(contactId, "erasure-" + contactId, "Test Erasure", "{\"email\":\"winifred@example.com\"}");
            sends.await(r -> contactId.equals(r.key()), WAIT);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals("waiting",
                TestEvents.journeysOf(contactId).getString("find { it.journey == 'test-erasure' }.history[-1].what")));
        UUID run = UUID.fromString(TestEvents.journeysOf(contactId).getString("find { it.journey == 'test-erasure' }.run"));
        assertTrue(rows("select detail from run_history where run_id = $1 and what = 'sent'", run).get(0)
                .getString("detail").contains("Hi Winifred"), "the history quotes the text before the erasure");

        TopicProbe.produce(Topics.CONTACTS, contactId, null);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), TestEvents.journeysOf(contactId).getList("$")));
        Row ended = rows("select status, exit_reason, contact_id, trigger_event::text as trigger from journey_run where id = $1",
                run).get(0);
        assertEquals("exited", ended.getString("status"));
        assertEquals("erased", ended.getString("exit_reason"));
        String pseudonym = ended.getString("contact_id");
        assertTrue(pseudonym.startsWith("erased-"), pseudonym);
        assertFalse(ended.getString("trigger").contains("winifred"), ended.getString("trigger"));
        assertTrue(ended.getString("trigger").contains("Test Erasure"), ended.getString("trigger"));
        assertEquals(List.of(), rows("select detail from run_history where run_id = $1 and detail like '%Winifred%'", run));
        assertEquals("erased", rows("select detail from run_history where run_id = $1 order by id desc limit 1", run)
                .get(0).getString("detail"));
        assertEquals(pseudonym, rows("select contact_id from message where run_id = $1", run).get(0).getString("contact_id"));
        assertEquals(List.of(), rows("select 1 from inactivity_timer where contact_id = $1", contactId));
        assertEquals(List.of(), rows("select 1 from contact_snapshot where id = $1", contactId));
    }

    @Test
    void anEventOfAnErasedContactThatArrivesAfterTheTombstoneStoresNothing() {
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Winifred");
        Awaitility.await().atMost(WAIT).until(() -> !rows("select 1 from contact_snapshot where id = $1", contactId).isEmpty());
        Instant beforeTheErasure = Instant.now();
        TopicProbe.produce(Topics.CONTACTS, contactId, null);
        Awaitility.await().atMost(WAIT).until(() -> rows("select 1 from contact_snapshot where id = $1", contactId).isEmpty());

        TopicProbe.produce(Topics.EVENTS, contactId, """
                {"type":"track","messageId":"late-%s","userId":"%s","event":"Test Erasure",
                 "properties":{"email":"winifred@example.com"},"timestamp":"%s"}"""
                .formatted(contactId, contactId, beforeTheErasure));

        Awaitility.await().during(Duration.ofSeconds(8)).atMost(WAIT).until(() ->
                rows("select 1 from journey_run where contact_id = $1", contactId).isEmpty()
                        && rows("select 1 from inactivity_timer where contact_id = $1", contactId).isEmpty()
                        && rows("select 1 from message where contact_id = $1", contactId).isEmpty());
    }

}

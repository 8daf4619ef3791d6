package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.journey.run.TestShop.Answer;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A tombstone on drip.contacts.v1 (the contact was erased) ends its runs and drops what they
 * copied, the answers and requests of their webhook calls included.
 */
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

    @Test
    void anErasedContactsWebhookCallsKeepOnlyTheirHostAndItsRunsForgetTheAnswers() throws IOException {
        String contactId = "c-" + UUID.randomUUID();
        CountDownLatch erased = new CountDownLatch(1);
        // the profile call is answered with what the shop knows of the person; the second call is in
        // flight when the contact is erased, and answered after
        try (TestShop shop = TestShop.start((request, ofContact) -> {
            if (request.path().startsWith("/late/")) {
                erased.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            return new Answer(200, "{\"greeting\":\"Hi Winifred\"}");
        })) {
            String yaml = """
                    journey: test-erasure-webhook
                    trigger: {event: Test Erasure Webhook}
                    steps:
                      - id: profile
                        webhook:
                          name: profile
                          url: "%1$s/profiles/{{ contact.contactId }}?contact={{ contact.contactId }}&name={{ contact.traits.first_name }}"
                          headers: {X-First-Name: "{{ contact.traits.first_name }}"}
                          body: '{"email": "{{ event.properties.email }}"}'
                      - id: late
                        webhook:
                          name: late
                          url: "%1$s/late/{{ contact.contactId }}?contact={{ contact.contactId }}&name={{ contact.traits.first_name }}"
                          timeout: 10s
                      - id: later
                        wait: 1h
                    """.formatted(shop.base());
            given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                    .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/v1/journeys").then().statusCode(201);
            TestEvents.contact(contactId, "Winifred");
            TestEvents.track(contactId, "erasure-" + contactId, "Test Erasure Webhook", "{\"email\":\"winifred@example.com\"}");
            Awaitility.await().atMost(WAIT).until(() -> shop.seen(contactId).size() == 2);
            UUID run = UUID.fromString(TestEvents.journeysOf(contactId).getString("[0].run"));
            Row profile = rows("select url, headers::text as headers, body from webhook_call where run_id = $1 and step_id = 'profile'",
                    run).get(0);
            assertTrue(profile.getString("url").endsWith("name=Winifred"), profile.getString("url"));
            assertTrue(profile.getString("headers").contains("Winifred"), profile.getString("headers"));
            assertTrue(profile.getString("body").contains("winifred@example.com"), profile.getString("body"));
            assertTrue(rows("select webhooks::text as webhooks from journey_run where id = $1", run).get(0)
                    .getString("webhooks").contains("Hi Winifred"), "the run holds the answer before the erasure");

            TopicProbe.produce(Topics.CONTACTS, contactId, null);

            Awaitility.await().atMost(WAIT).until(() -> "erased".equals(
                    rows("select exit_reason from journey_run where id = $1", run).get(0).getString("exit_reason")));
            erased.countDown();
            // the late answer comes after the erasure: the ended run does not take it
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
                assertNull(rows("select webhooks::text as webhooks from journey_run where id = $1", run).get(0)
                        .getString("webhooks"), "the runs' answers are gone");
                List<Row> calls = rows("""
                        select step_id, status, url, headers::text as headers, body, last_result from webhook_call
                        where run_id = $1 order by step_id desc""", run);
                assertEquals(List.of("profile", "late"), calls.stream().map(c -> c.getString("step_id")).toList());
                assertEquals(List.of("answered", "abandoned"), calls.stream().map(c -> c.getString("status")).toList());
                for (Row call : calls) {
                    assertEquals(shop.base(), call.getString("url"), "the host only: no path, no query");
                    assertEquals("{}", call.getString("headers"));
                    assertNull(call.getString("body"));
                    assertNull(call.getString("last_result"));
                }
                assertEquals(List.of(), rows("select 1 from run_history where run_id = $1 and what = 'webhook_answered' "
                        + "and detail is not null", run));
            });
        }
    }
}

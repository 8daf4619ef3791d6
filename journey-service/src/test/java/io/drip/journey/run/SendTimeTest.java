package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * best_time on the real broker and PostgreSQL (src/test/resources/journeys/send-time.yaml): the
 * human clicks on drip.clicks.v1 are counted by local hour, and a contact who enters waits on the
 * durable timer for the hour it clicked most, else its country's; with neither, it is sent at once.
 * No send window in tests (as in dispatch's), so any hour may be chosen.
 */
@QuarkusTest
class SendTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    /** New Zealand and Iceland: no other test's contacts are from there. */
    private static final String NZ_PHONE = "+64211234567";
    private static final String IS_PHONE = "+3546111234";

    @Inject
    Pool pool;

    private List<Row> rows(String sql, Object... params) {
        return Rows.of(pool, sql, params);
    }

    private static String contact(String phone, String zone) {
        String contactId = "c-" + UUID.randomUUID();
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, phone, "valid",
                zone, "en-NZ", MessageJson.mapper().createObjectNode(), Map.of(), Instant.now())));
        return contactId;
    }

    /** {@code times} clicks of the contact yesterday at {@code hour} in Auckland (a bot's if {@code bot}). */
    private static void clicks(String contactId, int hour, int times, boolean bot) {
        Instant at = ZonedDateTime.now(AUCKLAND).minusDays(1).withHour(hour).withMinute(10).toInstant();
        for (int i = 0; i < times; i++) {
            TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(new Click(UUID.randomUUID().toString(),
                    "Abcdefghij12", UUID.randomUUID().toString(), contactId, "another-journey", "promo", null, at, null,
                    bot ? "Slackbot-LinkExpanding 1.0" : "Mozilla/5.0 (iPhone)", bot ? "bot" : "mobile", bot, null)));
        }
    }

    private static void enter(String contactId) {
        TestEvents.track(contactId, "send-time-" + contactId, "Test Send Time", "{}");
    }

    /** The run's note of the hour chosen. */
    private static String chosen(String contactId) {
        return Awaitility.await().atMost(WAIT).until(() -> TestEvents.journeysOf(contactId).getString(
                "find { it.journey == 'test-send-time' }.history.find { it.what == 'send_time' }.detail"),
                detail -> detail != null);
    }

    /** The next {@code hour}:00 in Auckland. */
    private static Instant next(int hour) {
        ZonedDateTime at = ZonedDateTime.now(AUCKLAND).withHour(hour).withMinute(0).withSecond(0).withNano(0);
        return (at.toInstant().isAfter(Instant.now()) ? at : at.plusDays(1)).toInstant();
    }

    @Test
    void contactsWithKnownClickHoursGetTheirHourTheOthersTheirCountrysOrAtOnce() {
        int localNow = ZonedDateTime.now(AUCKLAND).getHour();
        int ownHour = (localNow + 3) % 24;
        int countryHour = (localNow + 6) % 24;
        String ada = contact(NZ_PHONE, "Pacific/Auckland"); // clicked at ownHour
        String bea = contact(NZ_PHONE, "Pacific/Auckland"); // never clicked: New Zealand's hour
        String cal = contact(NZ_PHONE, "Pacific/Auckland"); // clicks that make countryHour New Zealand's
        String dan = contact(IS_PHONE, "Atlantic/Reykjavik"); // no click known of him or of Iceland
        Awaitility.await().atMost(WAIT).until(() -> rows("select 1 from contact_snapshot where id = any($1)",
                (Object) new String[] {ada, bea, cal, dan}).size() == 4);
        long most = rows("select coalesce(max(clicks), 0) as most from country_click_hour where country = 'NZ'").get(0)
                .getLong("most");

        clicks(ada, ownHour, 3, false);
        clicks(ada, (ownHour + 1) % 24, 5, true); // link previews are no one's hour
        clicks(cal, countryHour, (int) most + 5, false);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(3, rows(
                "select coalesce(sum(clicks), 0) as n from contact_click_hour where contact_id = $1 and hour = $2::int",
                ada, ownHour).get(0).getLong("n")));
        Awaitility.await().atMost(WAIT).until(() -> rows("select 1 from contact_click_hour where contact_id = $1", cal)
                .size() == 1);
        assertEquals(1, rows("select 1 from contact_click_hour where contact_id = $1", ada).size(), "bots do not count");

        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            List.of(ada, bea, dan).forEach(SendTimeTest::enter);

            assertTrue(chosen(dan).startsWith("no clicks known of the contact or of IS: at once"), chosen(dan));
            sends.await(r -> dan.equals(r.key()), WAIT);

            assertTrue(chosen(ada).startsWith(ownHour + "h, the hour of most own clicks (3 of 3): "), chosen(ada));
            assertTrue(chosen(bea).startsWith(countryHour + "h, the hour of most clicks in NZ"), chosen(bea));
            assertEquals(next(ownHour), dueAt(ada));
            assertEquals(next(countryHour), dueAt(bea));
            assertEquals(List.of(), sends.all(r -> ada.equals(r.key()) || bea.equals(r.key()), Duration.ofSeconds(2)),
                    "nothing sent before the hour");

            // the durable timer reaches Ada's hour: the message leaves then
            pool.preparedQuery("update journey_run set next_at = clock_timestamp() where contact_id = $1")
                    .execute(Tuple.of(ada)).await().indefinitely();
            SendCommand sent = MessageJson.read(sends.await(r -> ada.equals(r.key()), WAIT).value(), SendCommand.class);
            assertEquals("promo", sent.stepId());
            assertEquals("Sale tonight", sent.text());
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals("exited",
                TestEvents.journeysOf(ada).getString("find { it.journey == 'test-send-time' }.status")));
    }

    @Test
    void anErasedContactsClickHoursGo() {
        String eve = contact(NZ_PHONE, "Pacific/Auckland");
        Awaitility.await().atMost(WAIT).until(() -> !rows("select 1 from contact_snapshot where id = $1", eve).isEmpty());
        clicks(eve, 9, 2, false);
        Awaitility.await().atMost(WAIT).until(() -> !rows("select 1 from contact_click_hour where contact_id = $1", eve)
                .isEmpty());

        TopicProbe.produce(Topics.CONTACTS, eve, null);

        Awaitility.await().atMost(WAIT).until(() -> rows("select 1 from contact_click_hour where contact_id = $1", eve)
                .isEmpty());
        // a click that comes after the erasure counts for no one
        clicks(eve, 9, 1, false);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() ->
                rows("select 1 from contact_click_hour where contact_id = $1", eve).isEmpty());
    }

    private Instant dueAt(String contactId) {
        Row run = rows("select next_at, waiting from journey_run where contact_id = $1 and journey_id = 'test-send-time'",
                contactId).get(0);
        assertTrue(run.getBoolean("waiting"), "waits at the send step");
        return run.getOffsetDateTime("next_at").toInstant();
    }
}

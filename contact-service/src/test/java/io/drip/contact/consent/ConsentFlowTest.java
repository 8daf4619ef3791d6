package io.drip.contact.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keywords from drip.inbound.v1 and the consent API, on the real broker and PostgreSQL. */
@QuarkusTest
class ConsentFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    static RequestSpecification as(String key) {
        return given().header("Authorization", TestKeys.bearer(key)).contentType(ContentType.JSON);
    }

    /** A new contact with a number of its own (a keyword reaches every contact of a number); returns its id. */
    static String newContact() {
        return newContact(randomMobile());
    }

    static String newContact(String phone) {
        String id = "consent-" + UUID.randomUUID();
        as(TestKeys.MARKETER).body("{\"traits\":{\"phone\":\"" + phone + "\"}}").put("/v1/contacts/" + id)
                .then().statusCode(200);
        return id;
    }

    /** A random valid French mobile number (06 1x xx xx xx), E.164. */
    static String randomMobile() {
        return "+3361" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** The contact's number, or a random one for a contact contact-service does not know. */
    static String phoneOf(String contactId) {
        var response = as(TestKeys.VIEWER).get("/v1/contacts/" + contactId);
        return response.statusCode() == 200 ? response.path("phone") : randomMobile();
    }

    /** An SMS without keyword from the contact's number, as dispatch publishes it; returns its inbound id. */
    static String inbound(String contactId, String text) {
        return publish(InboundSms.text("in-" + UUID.randomUUID(), contactId, phoneOf(contactId), "+33700000000", text,
                "sandbox", Instant.now()));
    }

    /** A keyword from the contact's number, recognised by dispatch as {@code action}; returns its inbound id. */
    static String keyword(String contactId, InboundSms.Action action, String keyword) {
        return publish(InboundSms.keyword("in-" + UUID.randomUUID(), contactId, phoneOf(contactId), "+33700000000", keyword,
                keyword, action, "sandbox", Instant.now()));
    }

    static String publish(InboundSms sms) {
        TopicProbe.produce(Topics.INBOUND, sms.contactId(), MessageJson.write(sms));
        return sms.inboundId();
    }

    static ContactSnapshot.Consent smsConsent(ContactSnapshot snapshot, String category) {
        return snapshot.consent().get("sms").get(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "TD", "退订"})
    void anOptOutOptsOutOfMarketingAndIsAnsweredOnce(String word) {
        String id = newContact();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var sends = TopicProbe.watch(Topics.SENDS)) {
            String inboundId = keyword(id, InboundSms.Action.OPT_OUT, word);
            var snapshot = MessageJson.read(contacts.await(r -> id.equals(r.key()) && r.value().contains("opted_out"), WAIT)
                    .value(), ContactSnapshot.class);
            assertEquals("opted_out", smsConsent(snapshot, "marketing").state());
            assertEquals("keyword", smsConsent(snapshot, "marketing").source());
            var reply = MessageJson.read(sends.await(r -> id.equals(r.key()), WAIT).value(), SendCommand.class);
            assertEquals(SendCommand.TRANSACTIONAL, reply.category());
            assertEquals("keyword-reply:" + inboundId, reply.idempotencyKey());
            assertTrue(SendCommand.answersInbound(reply.idempotencyKey()));
            assertTrue(reply.text().contains("unsubscribed"), reply.text());
            // a redelivered inbound changes nothing and is not answered again
            TopicProbe.produce(Topics.INBOUND, id, MessageJson.write(InboundSms.keyword(inboundId, id, phoneOf(id), null,
                    word, word, InboundSms.Action.OPT_OUT, "sandbox", Instant.now())));
            assertEquals(1, sends.all(r -> id.equals(r.key()), Duration.ofSeconds(2)).size());
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then().statusCode(200)
                .body("consent.sms.marketing.state", equalTo("opted_out"))
                .body("history", hasSize(1)).body("history[0].source", equalTo("keyword"))
                .body("history[0].keyword", equalTo(word))
                .body("history[0].category", equalTo("marketing"));
    }

    @Test
    void stopAllAlsoOptsOutOfTransactionalAndStartOptsBackIn() {
        String id = newContact();
        keyword(id, InboundSms.Action.OPT_OUT_ALL, "STOPALL");
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id)
                .then().body("consent.sms.transactional.state", equalTo("opted_out"))
                .body("consent.sms.marketing.state", equalTo("opted_out")));
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String start = keyword(id, InboundSms.Action.OPT_IN, "START");
            // the STOPALL reply may still be on its way through the outbox: wait for the answer to START
            var reply = MessageJson.read(sends.await(r -> id.equals(r.key())
                    && r.value().contains("keyword-reply:" + start), WAIT).value(), SendCommand.class);
            assertTrue(reply.text().contains("subscribed again"), reply.text());
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + id).then().body("consent.sms.marketing.state", equalTo("opted_in"))
                .body("consent.sms.transactional.state", equalTo("opted_in"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "INFO"})
    void helpIsAnsweredWithTheConfiguredTextAndChangesNothing(String word) {
        String id = newContact();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            keyword(id, InboundSms.Action.HELP, word);
            var reply = MessageJson.read(sends.await(r -> id.equals(r.key()), WAIT).value(), SendCommand.class);
            assertEquals(SendCommand.TRANSACTIONAL, reply.category());
            assertEquals("Reply STOP to unsubscribe. Msg&data rates may apply.", reply.text());
            assertTrue(SendCommand.answersInbound(reply.idempotencyKey()));
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then().body("history", hasSize(0));
        inbound(id, "hello there");
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id)
                .then().body("lastActivityAt", org.hamcrest.Matchers.notNullValue()));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then().body("history", hasSize(0));
    }

    @Test
    void theApiRecordsDecisionsWithWhoWhereAndReference() {
        String id = newContact();
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\",\"ip\":\"203.0.113.7\",\"reference\":\"signup-form\"}")
                .put("/v1/contacts/" + id + "/consent/sms/marketing").then().statusCode(200).body("state", equalTo("opted_in"));
        as(TestKeys.MARKETER).body("{\"state\":\"opted_out\"}")
                .put("/v1/contacts/" + id + "/consent/sms/marketing").then().statusCode(200).body("state", equalTo("opted_out"));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then().statusCode(200)
                .body("consent.sms.marketing.state", equalTo("opted_out")).body("consent.sms.marketing.source", equalTo("api"))
                .body("history", hasSize(2))
                .body("history[0].state", equalTo("opted_in")).body("history[0].ip", equalTo("203.0.113.7"))
                .body("history[0].messageId", equalTo("signup-form")).body("history[0].actor", equalTo("test-marketer"))
                .body("history[1].state", equalTo("opted_out"));
        as(TestKeys.OPS).get("/v1/contacts/" + id + "/export").then().statusCode(200)
                .body("consent.history", hasSize(2));
        var rewrite = assertThrows(Exception.class, () -> pool.preparedQuery(
                "update consent_event set state = 'opted_in' where contact_id = $1").execute(Tuple.of(id)).await().indefinitely());
        assertTrue(rewrite.getMessage().contains("append-only"), rewrite.getMessage());
    }

    @Test
    void badConsentRequestsSayWhatIsWrong() {
        String id = newContact();
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/email/marketing")
                .then().statusCode(400).body("field", equalTo("channel"));
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/promo")
                .then().statusCode(400).body("field", equalTo("category"));
        as(TestKeys.MARKETER).body("{\"state\":\"maybe\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(400).body("field", equalTo("/state"));
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\",\"ip\":\"localhost; drop\"}")
                .put("/v1/contacts/" + id + "/consent/sms/marketing").then().statusCode(400).body("field", equalTo("/ip"));
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/nobody-" + UUID.randomUUID() + "/consent/sms/marketing")
                .then().statusCode(404);
        as(TestKeys.VIEWER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(403);
    }

    @Test
    void aKeywordFromAnUnknownContactChangesNothingAndIsNotAnswered() {
        String stranger = "stranger-" + UUID.randomUUID();
        String known = newContact();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            keyword(stranger, InboundSms.Action.HELP, "HELP");
            keyword(known, InboundSms.Action.HELP, "HELP");
            // both are handled within moments of each other; the stranger gets 2 s more to show a reply
            sends.await(r -> known.equals(r.key()), WAIT);
            assertEquals(0, sends.all(r -> stranger.equals(r.key()), Duration.ofSeconds(2)).size());
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + stranger).then().statusCode(404);
    }

    @Test
    void aPoisonInboundRecordGoesToTheDlq() {
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.INBOUND))) {
            TopicProbe.produce(Topics.INBOUND, key, "{\"inboundId\":\"x\",\"text\":\"STOP\"}");
            var parked = dlq.await(r -> key.equals(r.key()), WAIT);
            String reason = new String(parked.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("contactId"), reason);
        }
    }

    @Test
    void erasureRemovesTheConsentTrailToo() {
        String id = newContact();
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(200);
        as(TestKeys.OPS).delete("/v1/contacts/" + id).then().statusCode(200).body("removed.consent", equalTo(1));
    }
}

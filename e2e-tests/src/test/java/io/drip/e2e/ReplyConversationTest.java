package io.drip.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.TopicProbe;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-way SMS end to end: dispatch-service and journey-service as processes. A journey asks
 * "Reply 1 for dresses, 2 for shoes"; the phone answers through the sandbox's inbound, Twilio's
 * inbound webhook and the HTTP provider's (each signed as the provider signs it); dispatch
 * publishes the SMS on drip.inbound.v1 and journey-service moves the run that waits for it.
 */
class ReplyConversationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JOURNEY = """
            journey: e2e-survey
            trigger: {event: Reply Test Start}
            steps:
              - id: ask-size
                send: {channel: sms, category: transactional, text: "Reply 1 for dresses, 2 for shoes"}
              - id: answer
                wait_for:
                  reply_to: ask-size
                  within: 2m
                  answers:
                    - when: reply.keyword == "1"
                      goto: dresses
                    - when: reply.keyword == "2"
                      goto: shoes
              - id: other
                send: {channel: sms, category: transactional, text: "Sorry, we did not get '{{ reply.text }}'"}
                goto: done
              - id: dresses
                send: {channel: sms, category: transactional, text: "Dresses it is"}
                goto: done
              - id: shoes
                send: {channel: sms, category: transactional, text: "Shoes it is"}
              - id: done
                exit: surveyed
            """;
    private static final String KEY = "e2e-replies-" + UUID.randomUUID();
    private static final String TWILIO_TOKEN = "e2e-twilio-token";
    private static final String HTTP_SECRET = "e2e-gateway-secret";
    private static final int JOURNEY_PORT = 18391;

    private static DispatchReplicas dispatch;
    private static ServiceProcess journey;
    private static String dispatchUrl;

    @BeforeAll
    static void startDispatchAndJourney() throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        String keys = "e2e-replies:marketer:" + sha256(KEY);
        dispatch = DispatchReplicas.fresh("drip_dispatch_replies");
        dispatchUrl = "http://127.0.0.1:" + DispatchReplicas.portOf(0);
        // the question goes out through the sandbox; Twilio and the HTTP provider only receive
        dispatch.start(0, "http://127.0.0.1:9", Map.of("DRIP_DEFAULT_ROUTE_PROVIDERS", "sandbox", "DRIP_API_KEYS", keys,
                "DRIP_TWILIO_ACCOUNT_SID", "ACe2e", "DRIP_TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
                "DRIP_TWILIO_FROM", "+15005550006", "DRIP_TWILIO_WEBHOOK_BASE_URL", dispatchUrl));

        String group = "e2e-replies-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> groups = new LinkedHashMap<>();
        Map.of("events", Topics.EVENTS, "contacts", Topics.CONTACTS, "deliveries", Topics.DELIVERIES, "clicks",
                Topics.CLICKS, "inbound", Topics.INBOUND).forEach((channel, topic) -> groups.put(group + "." + channel, topic));
        ConsumerGroups.startAtEnd(groups);
        Path journeys = Files.createTempDirectory("drip-journeys");
        Files.writeString(journeys.resolve("e2e-survey.yaml"), JOURNEY);
        Map<String, String> env = ServiceProcess.environment("drip_journey_e2e", JOURNEY_PORT, group);
        env.put("DRIP_JOURNEYS_DIR", journeys.toString());
        env.put("DRIP_API_KEYS", keys);
        journey = ServiceProcess.start(repo, "journey-service", JOURNEY_PORT + 100, env);
        journey.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
        if (dispatch != null) {
            dispatch.close();
        }
    }

    /** A contact with a Dutch mobile starts the survey; returns its phone once the question was sent to it. */
    private static String asked(String contactId, TopicProbe sends, TopicProbe deliveries) {
        String phone = "+3162" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, phone, "valid",
                "Europe/Amsterdam", null, MessageJson.mapper().createObjectNode(), Map.of(), Instant.now())));
        TopicProbe.produce(Topics.EVENTS, contactId, """
                {"type":"track","messageId":"%s","userId":"%s","event":"Reply Test Start","timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), contactId, Instant.now()));
        String question = next(sends, contactId).messageId();
        // sent: dispatch knows the contact's number, so the answer from it finds the contact
        DispatchReplicas.awaitStatus(deliveries, question, "sent", WAIT);
        return phone;
    }

    private static SendCommand next(TopicProbe sends, String contactId) {
        return MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
    }

    /** The text of the journey's answer to the reply: the next command for the contact. */
    private static String answerTo(TopicProbe sends, String contactId) {
        return sends.await(r -> contactId.equals(r.key()) && !r.value().contains("Reply 1 for dresses"), WAIT).value();
    }

    @Test
    void aReplyFromTheSandboxInboxBranchesTheRun() {
        String contactId = "sandbox-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS); var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String phone = asked(contactId, sends, deliveries);
            given().baseUri(dispatchUrl).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body(json().put("from", phone).put("text", "1").toString())
                    .post("/v1/sandbox/inbound").then().statusCode(200);
            assertEquals("Dresses it is", MessageJson.read(answerTo(sends, contactId), SendCommand.class).text());
        }
    }

    @Test
    void aReplyThroughTwilioBranchesTheRun() {
        String contactId = "twilio-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS); var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String phone = asked(contactId, sends, deliveries);
            Map<String, String> form = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                    "AccountSid", "ACe2e", "From", phone, "To", "+15005550006", "Body", "2 please");
            given().baseUri(dispatchUrl).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", twilioSignature(dispatchUrl + "/v1/providers/twilio/inbound", form))
                    .post("/v1/providers/twilio/inbound").then().statusCode(200);
            assertEquals("Shoes it is", MessageJson.read(answerTo(sends, contactId), SendCommand.class).text());
        }
    }

    @Test
    void aReplyThroughTheHttpProviderBranchesTheRun() {
        String contactId = "http-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS); var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String phone = asked(contactId, sends, deliveries);
            String body = json().put("id", "MO-" + UUID.randomUUID()).put("from", phone).put("to", "10690000")
                    .put("text", "Hats?").toString();
            long now = Instant.now().getEpochSecond();
            given().baseUri(dispatchUrl).contentType(ContentType.JSON).body(body)
                    .header("X-Drip-Timestamp", String.valueOf(now)).header("X-Drip-Signature", httpSignature(now, body))
                    .post("/v1/providers/http/inbound").then().statusCode(204);
            assertEquals("Sorry, we did not get 'Hats?'",
                    MessageJson.read(answerTo(sends, contactId), SendCommand.class).text());
        }
    }

    @Test
    void stopFromTheSandboxInboxEndsTheRunAndIsNoAnswer() {
        String contactId = "stop-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS); var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            String phone = asked(contactId, sends, deliveries);
            given().baseUri(dispatchUrl).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body(json().put("from", phone).put("text", "Stop").toString())
                    .post("/v1/sandbox/inbound").then().statusCode(200);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals("opted_out", given()
                    .baseUri("http://127.0.0.1:" + JOURNEY_PORT).header("Authorization", "Bearer " + KEY)
                    .get("/v1/contacts/" + contactId + "/journeys").then().statusCode(200).extract().path("[0].exitReason")));
            assertEquals(1, sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(3)).size(), "the question only");
        }
    }

    private static ObjectNode json() {
        return MessageJson.mapper().createObjectNode();
    }

    private static String twilioSignature(String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", TWILIO_TOKEN, data.toString()));
    }

    private static String httpSignature(long timestamp, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", HTTP_SECRET, timestamp + "." + body));
    }

    private static byte[] hmac(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}

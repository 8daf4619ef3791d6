package io.drip.contact.consent;

import static io.drip.contact.consent.ConsentFlowTest.as;
import static io.drip.contact.consent.ConsentFlowTest.keyword;
import static io.drip.contact.consent.ConsentFlowTest.newContact;
import static io.drip.contact.consent.ConsentFlowTest.smsConsent;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in, switched on with a 15-second confirmation window: long enough that a Y sent at
 * once arrives within it on a busy machine (5 seconds were missed under load), short enough to
 * wait out for the late Y.
 */
@QuarkusTest
@TestProfile(DoubleOptInTest.DoubleOptIn.class)
class DoubleOptInTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class DoubleOptIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.consent.double-opt-in.enabled", "true", "drip.consent.double-opt-in.within", "PT15S");
        }
    }

    @Test
    void aNewSubscriberGetsNoMarketingUntilTheyReplyY() {
        String id = newContact();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var sends = TopicProbe.watch(Topics.SENDS)) {
            as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                    .then().statusCode(200).body("state", equalTo("pending"));
            var pending = MessageJson.read(contacts.await(r -> id.equals(r.key()) && r.value().contains("double_opt_in"), WAIT)
                    .value(), ContactSnapshot.class);
            // dispatch suppresses marketing to opted_out: nothing is sent before the confirmation
            assertEquals("opted_out", smsConsent(pending, "marketing").state());
            var request = MessageJson.read(sends.await(r -> id.equals(r.key()), WAIT).value(), SendCommand.class);
            assertEquals(SendCommand.TRANSACTIONAL, request.category());
            assertTrue(request.text().contains("Reply Y"), request.text());

            keyword(id, InboundSms.Action.CONFIRM, "Y");
            var confirmed = MessageJson.read(contacts.await(r -> id.equals(r.key()) && r.value().contains("opted_in"), WAIT)
                    .value(), ContactSnapshot.class);
            assertEquals("keyword", smsConsent(confirmed, "marketing").source());
            sends.await(r -> id.equals(r.key()) && r.value().contains("Thanks"), WAIT);
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then()
                .body("history.state", org.hamcrest.Matchers.contains("pending", "opted_in"))
                .body("pending", org.hamcrest.Matchers.empty());
    }

    @Test
    void aLateYConfirmsNothing() throws InterruptedException {
        String id = newContact();
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(200).body("state", equalTo("pending"));
        Thread.sleep(15_500);
        keyword(id, InboundSms.Action.CONFIRM, "Y");
        // the Y is recorded as activity in the transaction that handles it
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id)
                .then().body("lastActivityAt", org.hamcrest.Matchers.notNullValue()));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id).then().body("consent.sms.marketing.state", equalTo("opted_out"))
                .body("consent.sms.marketing.source", equalTo("double_opt_in"));
        // START still opts in outright
        keyword(id, InboundSms.Action.OPT_IN, "START");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id)
                .then().body("consent.sms.marketing.state", equalTo("opted_in")));
    }
}

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
import org.junit.jupiter.api.Test;

/**
 * Double opt-in, switched on with a one-minute confirmation window: a Y sent at once must arrive
 * within it also on a loaded machine (5 and 15 seconds were missed there, the first request and
 * the snapshot's way through Kafka taking most of them); {@link LateConfirmationTest} waits out a
 * short window.
 */
@QuarkusTest
@TestProfile(DoubleOptInTest.DoubleOptIn.class)
class DoubleOptInTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class DoubleOptIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.consent.double-opt-in.enabled", "true", "drip.consent.double-opt-in.within", "PT1M");
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
}

package io.drip.contact.consent;

import static io.drip.contact.consent.ConsentFlowTest.as;
import static io.drip.contact.consent.ConsentFlowTest.keyword;
import static io.drip.contact.consent.ConsentFlowTest.newContact;
import static org.hamcrest.Matchers.equalTo;

import io.drip.contracts.InboundSms;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Double opt-in with a 5-second confirmation window, waited out: a Y after it confirms nothing. */
@QuarkusTest
@TestProfile(LateConfirmationTest.ShortWindow.class)
class LateConfirmationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.consent.double-opt-in.enabled", "true", "drip.consent.double-opt-in.within", "PT5S");
        }
    }

    @Test
    void aLateYConfirmsNothing() throws InterruptedException {
        String id = newContact();
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(200).body("state", equalTo("pending"));
        Thread.sleep(5_500);
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

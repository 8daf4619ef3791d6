package io.drip.contact.consent;

import static io.drip.contact.consent.ConsentFlowTest.as;
import static io.drip.contact.consent.ConsentFlowTest.keyword;
import static io.drip.contact.consent.ConsentFlowTest.newContact;
import static io.drip.contact.consent.ConsentFlowTest.randomMobile;
import static io.drip.contact.consent.ConsentFlowTest.smsConsent;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.kit.consent.NumberHashes;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A keyword is about a phone number: it reaches every contact holding it, contacts that take
 * the number later, and outlives erasure (the suppression list); only the number opts in again.
 */
@QuarkusTest
class NumberOptOutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    NumberHashes hashes;

    private String hash(String phone) {
        return HexFormat.of().formatHex(hashes.of(phone));
    }

    /** The contact's number texts the keyword; returns once contact-service has opted it out. */
    private static void optOut(String id, InboundSms.Action action, String word) {
        keyword(id, action, word);
        awaitMarketing(id, "opted_out");
    }

    private static void awaitMarketing(String id, String state) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id)
                .then().body("consent.sms.marketing.state", equalTo(state)));
    }

    @Test
    void aStopReachesEveryContactHoldingTheNumber() {
        String phone = randomMobile();
        String guest = newContact(phone);
        String user = newContact(phone);
        String other = newContact();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var sends = TopicProbe.watch(Topics.SENDS)) {
            // dispatch matched the SMS to one of them (its most recently updated)
            keyword(user, InboundSms.Action.OPT_OUT, "STOP");
            for (String id : new String[] {guest, user}) {
                var snapshot = MessageJson.read(contacts.await(r -> id.equals(r.key()) && r.value().contains("opted_out"), WAIT)
                        .value(), ContactSnapshot.class);
                assertEquals("keyword", smsConsent(snapshot, "marketing").source());
                as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then()
                        .body("history.state", contains("opted_out")).body("history.keyword", contains("STOP"));
            }
            // one reply, to the sender
            sends.await(r -> user.equals(r.key()), WAIT);
            assertEquals(0, sends.all(r -> guest.equals(r.key()), Duration.ofSeconds(1)).size());
        }
        as(TestKeys.VIEWER).get("/v1/contacts/" + other + "/consent").then().body("history", org.hamcrest.Matchers.empty());
    }

    @Test
    void aContactThatTakesAnOptedOutNumberLaterStartsOptedOut() {
        String phone = randomMobile();
        String first = newContact(phone);
        optOut(first, InboundSms.Action.OPT_OUT_ALL, "STOPALL");
        String created = newContact(phone);
        String changed = newContact();
        as(TestKeys.MARKETER).body("{\"traits\":{\"phone\":\"" + phone + "\"}}").patch("/v1/contacts/" + changed)
                .then().statusCode(200);
        for (String id : new String[] {created, changed}) {
            as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then()
                    .body("consent.sms.marketing.state", equalTo("opted_out"))
                    .body("consent.sms.transactional.state", equalTo("opted_out"))
                    .body("consent.sms.marketing.source", equalTo("suppression_list"))
                    .body("history.source", contains("suppression_list", "suppression_list"));
        }
    }

    @Test
    void anOptOutOutlivesErasureAsAKeyedHashOfTheNumber() {
        String phone = randomMobile();
        String erased = newContact(phone);
        optOut(erased, InboundSms.Action.OPT_OUT, "TD");
        as(TestKeys.OPS).delete("/v1/contacts/" + erased).then().statusCode(200);

        var kept = Rows.of(pool, "select category from suppressed_number where number_hash = decode($1, 'hex')", hash(phone));
        assertEquals(1, kept.size());
        assertEquals("marketing", kept.get(0).getString("category"));

        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            String again = newContact(phone);
            var snapshot = MessageJson.read(contacts.await(r -> again.equals(r.key()), WAIT).value(), ContactSnapshot.class);
            assertEquals("opted_out", smsConsent(snapshot, "marketing").state());
            assertEquals("suppression_list", smsConsent(snapshot, "marketing").source());
        }
    }

    @Test
    void anApiOrImportOptInOfANumberThatOptedOutByKeywordIsRefusedUntilItTextsStart() {
        String phone = randomMobile();
        String id = newContact(phone);
        optOut(id, InboundSms.Action.OPT_OUT, "STOP");

        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\",\"reference\":\"signup-form\"}")
                .put("/v1/contacts/" + id + "/consent/sms/marketing").then().statusCode(409)
                .body("error", equalTo("opt_in_refused")).body("field", equalTo("/state"))
                .body("message", org.hamcrest.Matchers.containsString("START"));
        String csv = "id,consent.sms.marketing\n" + id + ",opted_in\n";
        io.restassured.RestAssured.given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER))
                .contentType("text/csv").body(csv).post("/v1/contacts/import").then().statusCode(200)
                .body("failed", equalTo(1)).body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("consent.sms.marketing"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("opted out by SMS keyword"));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id + "/consent").then()
                .body("consent.sms.marketing.state", equalTo("opted_out"))
                .body("history.state", contains("opted_out", "refused", "refused"))
                .body("history.source", contains("keyword", "api", "import"))
                .body("history.reason", hasItem(ConsentChanges.REFUSAL));

        keyword(id, InboundSms.Action.OPT_IN, "START");
        awaitMarketing(id, "opted_in");
        assertEquals(0, Rows.of(pool, "select * from suppressed_number where number_hash = decode($1, 'hex')", hash(phone)).size());
        as(TestKeys.MARKETER).body("{\"state\":\"opted_out\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(200);
        as(TestKeys.MARKETER).body("{\"state\":\"opted_in\"}").put("/v1/contacts/" + id + "/consent/sms/marketing")
                .then().statusCode(200).body("state", equalTo("opted_in"));
    }
}

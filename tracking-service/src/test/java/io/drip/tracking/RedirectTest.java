package io.drip.tracking;

import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.IPHONE;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.viewer;
import static io.drip.tracking.Sends.withLink;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** tracking-service against the real broker and PostgreSQL: registration, redirects, 404/410. */
@QuarkusTest
class RedirectTest {
    private static final String TAGGED = "https://shop.example/cart?id=42&utm_source=sms&utm_medium=marketing"
            + "&utm_campaign=welcome&utm_content=hello%2FB#top";

    @Test
    void aRegisteredCodeRedirectsToItsTaggedUrlAndPublishesTheClick() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        SendCommand send = withLink(contactId, code, "https://shop.example/cart?id=42#top", Instant.now(), null);
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            produce(send);
            // a click may come before the link is registered (the redirect waits up to 3 s for it),
            // and just after start-up the consumer may still be catching up on older commands
            Awaitility.await().atMost(WAIT).untilAsserted(() -> noRedirects().header("User-Agent", IPHONE)
                    .get("/" + code).then().statusCode(302).header("Location", TAGGED)
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer"));
            var click = MessageJson.read(clicks.await(r -> contactId.equals(r.key()), WAIT).value(), Click.class);
            assertEquals(send.messageId(), click.messageId());
            assertEquals("welcome", click.journeyId());
            assertEquals("B", click.variant());
            assertEquals("127.0.0.0", click.ip(), "the address is anonymised");
            assertEquals(IPHONE, click.userAgent());
            assertEquals("mobile", click.device());
            assertFalse(click.bot());
        }
        // the contact's clicks, for the console's contact page: no address, no user agent
        Awaitility.await().atMost(WAIT).untilAsserted(() -> viewer().get("/v1/contacts/" + contactId + "/clicks")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].code", equalTo(code))
                .body("[0].messageId", equalTo(send.messageId())).body("[0].variant", equalTo("B"))
                .body("[0].device", equalTo("mobile")).body("[0].bot", equalTo(false))
                .body("[0]", not(hasKey("ip"))).body("[0]", not(hasKey("userAgent"))));
        viewer().get("/v1/contacts/c-nobody-" + UUID.randomUUID() + "/clicks").then().statusCode(200)
                .body("size()", equalTo(0));
        given().get("/v1/contacts/" + contactId + "/clicks").then().statusCode(401);
    }

    @Test
    void registrationIsIdempotentTheFirstRegistrationWins() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        SendCommand first = produce(withLink(contactId, code, "https://shop.example/first", Instant.now(), false));
        awaitRegistered(code);
        produce(first); // redelivery
        produce(withLink(contactId, code, "https://evil.example/", Instant.now(), false)); // a clash, never a takeover
        String marker = code();
        produce(withLink(contactId, marker, "https://shop.example/later", Instant.now(), false));
        awaitRegistered(marker); // the partition's consumer has passed the two commands above
        viewer().get("/v1/links/" + code).then().statusCode(200)
                .body("url", equalTo("https://shop.example/first"))
                .body("destination", equalTo("https://shop.example/first")) // utm=false: not tagged
                .body("messageId", equalTo(first.messageId()))
                .body("shortUrl", equalTo("http://127.0.0.1:8084/" + code))
                .body("expired", equalTo(false));
        noRedirects().header("User-Agent", IPHONE).get("/" + code).then().statusCode(302)
                .header("Location", "https://shop.example/first");
    }

    @Test
    void noParameterOfTheRequestChangesTheDestination() {
        String code = code();
        produce(withLink("c-" + UUID.randomUUID(), code, "https://shop.example/cart?id=42#top", Instant.now(), null));
        awaitRegistered(code);
        for (String path : new String[] {"/" + code + "?url=https://evil.example/", "/" + code + "?next=//evil.example",
                "/" + code + "/https://evil.example/", "/" + code + "%2F%2Fevil.example", "//evil.example/" + code}) {
            var response = noRedirects().redirects().follow(false).header("User-Agent", IPHONE)
                    .header("X-Forwarded-Host", "evil.example").header("Referer", "https://evil.example/").get(path);
            String location = response.getHeader("Location");
            if (location != null) {
                assertEquals(TAGGED, location, path);
            } else {
                assertEquals(404, response.statusCode(), path);
            }
        }
    }

    @Test
    void unknownAndMalformedCodesGetTheNotValidPage() {
        noRedirects().get("/" + code()).then().statusCode(404).header("Location", (String) null)
                .contentType(containsString("text/html")).body(containsString("This link is not valid."));
        noRedirects().get("/abc").then().statusCode(404);
        noRedirects().get("/..%2Fadmin").then().statusCode(404);
    }

    @Test
    void anExpiredLinkIsGoneAndPointsToTheFallback() {
        String code = code();
        produce(withLink("c-" + UUID.randomUUID(), code, "https://shop.example/old", Instant.now().minus(Duration.ofDays(91)),
                null));
        awaitRegistered(code);
        noRedirects().get("/" + code).then().statusCode(410).header("Location", (String) null)
                .body(containsString("This link has expired."))
                .body(containsString("href=\"https://shop.example/expired\""))
                .body(not(containsString("shop.example/old")));
        viewer().get("/v1/links/" + code).then().body("expired", equalTo(true));
    }

    @Test
    void aCommandWithANonWebLinkIsParkedInTheDlqNotRegistered() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.SENDS))) {
            produce(withLink(contactId, code, "javascript:alert(1)", Instant.now(), null));
            dlq.await(r -> contactId.equals(r.key()), WAIT);
        }
        noRedirects().get("/" + code).then().statusCode(404);
    }

    @Test
    void theApisNeedAKeyWithARoleAndSayWhatIsWrong() {
        given().get("/v1/links/" + code()).then().statusCode(401);
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TestKeys.WRITE + ":").getBytes())).get("/v1/stats/clicks?journey=welcome").then().statusCode(403);
        viewer().get("/v1/links/" + code()).then().statusCode(404);
        viewer().get("/v1/stats/clicks").then().statusCode(400).body("field", equalTo("journey"));
        viewer().queryParam("journey", " ").get("/v1/stats/clicks").then().statusCode(400).body("field", equalTo("journey"));
        viewer().get("/v1/stats/clicks?journey=welcome&step=").then().statusCode(200).body("step", equalTo(null));
    }
}

package io.drip.tracking;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** tracking-service against the real broker and PostgreSQL. */
@QuarkusTest
class RedirectTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RequestSpecification noRedirects() {
        return given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    private static String code() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static SendCommand sendWithLink(String contactId, String code, String url) {
        return new SendCommand(UUID.randomUUID().toString(), "k-" + code, contactId, "welcome", 1, "hello", "B", "sms",
                "marketing", "Hi " + code, List.of(new SendCommand.Link(code, url)), null, null, Instant.now());
    }

    @Test
    void aRegisteredCodeRedirectsToItsUrlAndPublishesTheClick() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        SendCommand send = sendWithLink(contactId, code, "https://shop.example/cart?id=42");
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(send));
            // a click may come before the link is registered (the redirect waits up to 3 s for it),
            // and just after start-up the consumer may still be catching up on older commands
            Awaitility.await().atMost(WAIT).untilAsserted(() -> noRedirects()
                    .header("User-Agent", "Mozilla/5.0 (iPhone)").get("/" + code)
                    .then().statusCode(302).header("Location", "https://shop.example/cart?id=42")
                    .header("Cache-Control", "no-store"));
            var click = MessageJson.read(clicks.await(r -> contactId.equals(r.key()), WAIT).value(), Click.class);
            assertEquals(send.messageId(), click.messageId());
            assertEquals("welcome", click.journeyId());
            assertEquals("B", click.variant());
            assertEquals("127.0.0.0", click.ip(), "the address is anonymised");
            assertEquals("Mozilla/5.0 (iPhone)", click.userAgent());
            assertFalse(click.bot());
        }
    }

    @Test
    void unknownAndMalformedCodesRevealNothing() {
        noRedirects().get("/" + code()).then().statusCode(404).header("Location", (String) null);
        noRedirects().get("/abc").then().statusCode(404);
        noRedirects().get("/..%2Fadmin").then().statusCode(404);
    }

    @Test
    void aCommandWithANonWebLinkIsParkedInTheDlqNotRegistered() {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.SENDS))) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(sendWithLink(contactId, code, "javascript:alert(1)")));
            dlq.await(r -> contactId.equals(r.key()), WAIT);
        }
        noRedirects().get("/" + code).then().statusCode(404);
    }
}

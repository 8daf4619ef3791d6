package io.drip.tracking;

import static io.restassured.RestAssured.given;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/** Send commands with links, produced to the real broker, and waiting for their registration. */
final class Sends {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
    static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.6367.82 Mobile Safari/537.36";

    private Sends() {
    }

    static String code() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static SendCommand withLink(String contactId, String code, String url, Instant createdAt, Boolean utm) {
        return new SendCommand(UUID.randomUUID().toString(), "k-" + code, contactId, "welcome", 1, "hello", "B", "sms",
                "marketing", "Hi " + code, List.of(new SendCommand.Link(code, url)), null, null, createdAt, utm, null);
    }

    static SendCommand produce(SendCommand send) {
        TopicProbe.produce(Topics.SENDS, send.contactId(), MessageJson.write(send));
        return send;
    }

    static RequestSpecification noRedirects() {
        return given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }

    static RequestSpecification viewer() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER));
    }

    /** Waits until the link API knows the code (the consumer may still be catching up after start). */
    static void awaitRegistered(String code) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> viewer().get("/v1/links/" + code).then().statusCode(200));
    }
}

package io.drip.tracking;

import static io.drip.tracking.Sends.ANDROID;
import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.viewer;
import static io.drip.tracking.Sends.withLink;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The country of a click comes from the full address (X-Forwarded-For from a trusted proxy), looked
 * up in a real MaxMind DB file, before the address is anonymised.
 */
@QuarkusTest
@QuarkusTestResource(value = GeoIpTestDatabase.class, restrictToAnnotatedClass = false)
class ClickCountryTest {
    // RIPE NCC's own addresses (Amsterdam) and Google's public resolver: registrations that do not move
    private static final String RIPE_V4 = "193.0.6.139";
    private static final String RIPE_V6 = "2001:67c:2e8:22::c100:68b";
    private static final String GOOGLE_DNS = "8.8.8.8";

    private Click click(SendCommand send, String forwardedFor) {
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            var request = noRedirects().header("User-Agent", ANDROID);
            if (forwardedFor != null) {
                request = request.header("X-Forwarded-For", forwardedFor);
            }
            request.get("/" + send.links().get(0).code()).then().statusCode(302);
            return MessageJson.read(clicks.await(r -> send.contactId().equals(r.key()), WAIT).value(), Click.class);
        }
    }

    private SendCommand registered(String journey) {
        String code = code();
        SendCommand link = withLink("c-" + UUID.randomUUID(), code, "https://shop.example/", Instant.now(), null);
        SendCommand send = new SendCommand(link.messageId(), link.idempotencyKey(), link.contactId(), journey, 1,
                "offer", "A", "sms", "marketing", "x", link.links(), null, null, link.createdAt(), null, null);
        produce(send);
        awaitRegistered(code);
        return send;
    }

    @Test
    void clicksGetTheCountryOfTheirFullAddressAndKeepOnlyTheAnonymisedOne() {
        String journey = "geo-" + UUID.randomUUID();
        SendCommand send = registered(journey);

        Click dutch = click(send, RIPE_V4);
        assertEquals("NL", dutch.country());
        assertEquals("193.0.6.0", dutch.ip(), "the stored address is anonymised after the lookup");
        Click dutchV6 = click(send, RIPE_V6);
        assertEquals("NL", dutchV6.country());
        Click american = click(send, GOOGLE_DNS);
        assertEquals("US", american.country());
        Click local = click(send, null);
        assertNull(local.country(), "a loopback address has no country");

        viewer().queryParam("journey", journey).get("/v1/stats/clicks").then().statusCode(200)
                .body("human", equalTo(4)).body("humanByCountry.NL", equalTo(2)).body("humanByCountry.US", equalTo(1))
                .body("humanByCountry.size()", equalTo(2));
    }

    @Test
    void aJourneyWithoutClicksHasNoCountries() {
        viewer().queryParam("journey", "geo-none-" + UUID.randomUUID()).get("/v1/stats/clicks").then()
                .statusCode(200).body("humanByCountry", anEmptyMap());
    }
}

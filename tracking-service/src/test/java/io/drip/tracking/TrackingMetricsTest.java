package io.drip.tracking;

import static io.drip.tracking.Sends.IPHONE;
import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.withLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.testing.ServiceMetrics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** tracking-service's /q/metrics after real redirects, clicks and send commands. */
@QuarkusTest
class TrackingMetricsTest {

    @Test
    void redirectsAreTimedByOutcomeAndClicksCountedAsBotOrHuman() {
        String code = code();
        String contactId = "c-" + UUID.randomUUID();
        ServiceMetrics before = ServiceMetrics.scrape();
        produce(withLink(contactId, code, "https://shop.example/", Instant.now(), null));
        awaitRegistered(code);
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            noRedirects().header("User-Agent", IPHONE).get("/" + code).then().statusCode(302);
            noRedirects().header("User-Agent", IPHONE).head("/" + code).then().statusCode(302);
            clicks.await(r -> contactId.equals(r.key()), WAIT);
        }
        noRedirects().get("/not-a-code").then().statusCode(404);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics after = ServiceMetrics.scrape();
            assertEquals(1, after.since(before, "drip_clicks_total", "kind", "human"));
            assertEquals(1, after.since(before, "drip_clicks_total", "kind", "bot", "reason", "head_request"));
            assertEquals(2, after.since(before, "drip_redirect_seconds_count", "outcome", "redirected"));
            assertEquals(1, after.since(before, "drip_redirect_seconds_count", "outcome", "not_found"));
            assertTrue(after.has("drip_redirect_seconds_bucket"), "a histogram, for percentiles");
            assertTrue(after.since(before, "drip_records_processed_total", "topic", Topics.SENDS) >= 1);
            assertTrue(after.has("drip_click_batches_unpublished"), "tracking's outbox for clicks");
            assertTrue(after.has("drip_click_batches_oldest_age_seconds"));
        });
    }
}

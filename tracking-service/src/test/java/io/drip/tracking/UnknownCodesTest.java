package io.drip.tracking;

import static io.drip.tracking.Sends.WAIT;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.withLink;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.ServiceMetrics;
import io.drip.tracking.link.Links;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Unknown short codes on the real PostgreSQL: one query per code per TTL, a registration ends the
 * negative cache at once, and a client scanning codes past its budget gets 429 but still reaches real links.
 * Each test is its own client (X-Forwarded-For from loopback, a trusted proxy in tests).
 */
@QuarkusTest
@TestProfile(UnknownCodesTest.SmallBudget.class)
class UnknownCodesTest {
    private static final String MISSING = "drip_redirect_lookups_total";

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.tracking.unknown-codes.budget.burst", "3",
                    "drip.tracking.unknown-codes.budget.per-minute", "1",
                    "drip.tracking.unknown-codes.registration-wait", "PT0.5S",
                    "drip.tracking.unknown-codes.cache.ttl", "PT1M");
        }
    }

    @Inject
    Links links;

    @Inject
    Pool pool;

    private static RequestSpecification from(String client) {
        return noRedirects().header("X-Forwarded-For", client);
    }

    /** Waits for the link in the table itself: the link API would put it in memory, skipping the lookup. */
    private void awaitInTable(String code) {
        Awaitility.await().atMost(WAIT).until(() -> links.find(pool, code).await().atMost(WAIT).isPresent());
    }

    @Test
    void anUnknownCodeIsLookedUpOncePerTtl() {
        String code = code();
        ServiceMetrics before = ServiceMetrics.scrape();
        from("198.51.100.10").get("/" + code).then().statusCode(404).body(containsString("This link is not valid."));
        from("198.51.100.10").get("/" + code).then().statusCode(404);
        from("198.51.100.11").get("/" + code).then().statusCode(404);
        ServiceMetrics after = ServiceMetrics.scrape();
        assertEquals(1, after.since(before, MISSING, "result", "missing"), "the second and third from the cache");
    }

    @Test
    void aLinkRegisteredJustAfterAMissRedirects() {
        String code = code();
        from("198.51.100.20").get("/" + code).then().statusCode(404);
        produce(withLink("c-" + UUID.randomUUID(), code, "https://shop.example/late", Instant.now(), false));
        awaitInTable(code);
        // well within the cache's minute: the registration ended the entry
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> from("198.51.100.20").get("/" + code)
                .then().statusCode(302).header("Location", "https://shop.example/late"));
    }

    @Test
    void aScanPastTheBudgetGets429AndRealLinksStillRedirectForThatClient() {
        String known = code();
        produce(withLink("c-" + UUID.randomUUID(), known, "https://shop.example/real", Instant.now(), false));
        awaitInTable(known);
        String scanner = "198.51.100.30";
        for (int i = 0; i < 3; i++) {
            from(scanner).get("/" + code()).then().statusCode(404);
        }
        String retryAfter = from(scanner).get("/" + code()).then().statusCode(429).header("Cache-Control", "no-store")
                .body(containsString("Too many")).extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds > 0 && seconds <= 60, "until the next code of a minute's one: " + seconds);
        from(scanner).get("/" + known).then().statusCode(302).header("Location", "https://shop.example/real");
        from("198.51.100.31").get("/" + code()).then().statusCode(404);
    }
}

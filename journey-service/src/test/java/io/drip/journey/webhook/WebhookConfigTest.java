package io.drip.journey.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which hosts the allow-list lets webhooks call. */
class WebhookConfigTest {

    private static WebhookConfig allowing(String... hosts) {
        return new WebhookConfig() {
            @Override
            public Optional<Set<String>> allowedHosts() {
                return hosts.length == 0 ? Optional.empty() : Optional.of(Set.of(hosts));
            }

            @Override
            public Optional<String> secret() {
                return Optional.of("s");
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int retries() {
                return 3;
            }

            @Override
            public Duration backoff() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration leaseMargin() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int maxConcurrency() {
                return 16;
            }

            @Override
            public int maxAnswerBytes() {
                return 16384;
            }
        };
    }

    @Test
    void exactNamesAndSubdomainsOfAWildcardAreAllowedAndNothingElse() {
        WebhookConfig config = allowing("api.shop.example", "*.crm.example", " 10.0.0.7 ");
        assertTrue(config.allows("api.shop.example"));
        assertTrue(config.allows("API.Shop.Example"));
        assertTrue(config.allows("eu.crm.example"));
        assertTrue(config.allows("10.0.0.7"));
        assertFalse(config.allows("crm.example"), "the wildcard names subdomains only");
        assertFalse(config.allows("evilcrm.example"));
        assertFalse(config.allows("shop.example"));
        assertFalse(config.allows("api.shop.example.evil.example"));
        assertFalse(allowing().allows("api.shop.example"), "no list: no webhook");
    }
}

package io.drip.dispatch.security;

import static io.drip.kit.security.Roles.MARKETER;
import static io.drip.kit.security.Roles.OPS;
import static io.drip.kit.security.Roles.VIEWER;

import io.drip.testing.RouteCoverage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may call each of dispatch-service's routes (docs/security.md): the providers' webhooks take
 * a signature instead of a key; the sandbox inbox page is public where it is switched on (local
 * runs, demos and these tests; off by default); everything else needs an API key.
 */
@QuarkusTest
class RouteCoverageTest {

    @Test
    void everyRouteRefusesWhoItShould() {
        RouteCoverage.apiKeys()
                .allow(List.of(VIEWER, MARKETER, OPS), "GET /v1/sandbox/messages", "GET /v1/reports/deliveries")
                .allow(List.of(MARKETER, OPS), "POST /v1/sandbox/inbound")
                .allow(List.of(OPS), "GET /v1/messages", "GET /v1/messages/{id}", "POST /v1/sandbox/outage")
                .signed("POST /v1/providers/twilio/status", "POST /v1/providers/twilio/inbound",
                        "POST /v1/providers/http/receipts", "POST /v1/providers/http/inbound")
                .open("GET /sandbox/inbox")
                .verify();
    }
}

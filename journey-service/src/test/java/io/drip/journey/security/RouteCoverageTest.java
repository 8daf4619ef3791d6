package io.drip.journey.security;

import static io.drip.kit.security.Roles.MARKETER;
import static io.drip.kit.security.Roles.OPS;
import static io.drip.kit.security.Roles.VIEWER;

import io.drip.testing.RouteCoverage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may call each of journey-service's routes (docs/security.md): anyone with a role reads,
 * validates and simulates; only marketers publish and change journeys; nothing is public.
 */
@QuarkusTest
class RouteCoverageTest {

    @Test
    void everyRouteRefusesWhoItShould() {
        RouteCoverage.apiKeys()
                .allow(List.of(VIEWER, MARKETER, OPS), "GET /v1/journeys", "GET /v1/journeys/problems",
                        "GET /v1/journeys/{id}/stats", "GET /v1/journeys/{id}/versions/{version}",
                        "GET /v1/journeys/{id}/splits/{step}/over-time",
                        "POST /v1/journeys/validate", "POST /v1/journeys/simulate", "GET /v1/contacts/{id}/journeys",
                        "POST /v1/journeys/{id}/audience/preview", "GET /v1/journeys/{id}/audience")
                .allow(List.of(MARKETER), "POST /v1/journeys", "POST /v1/journeys/{id}/pause",
                        "POST /v1/journeys/{id}/resume", "POST /v1/journeys/{id}/archive",
                        "POST /v1/journeys/{id}/audience/rounds")
                .verify();
    }
}

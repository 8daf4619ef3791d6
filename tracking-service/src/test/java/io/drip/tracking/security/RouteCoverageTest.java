package io.drip.tracking.security;

import static io.drip.kit.security.Roles.MARKETER;
import static io.drip.kit.security.Roles.OPS;
import static io.drip.kit.security.Roles.VIEWER;

import io.drip.testing.RouteCoverage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may call each of tracking-service's routes (docs/security.md): the short-link redirect is
 * public (a Vert.x route, described in META-INF/openapi.yaml); links and clicks need an API key.
 */
@QuarkusTest
class RouteCoverageTest {

    @Test
    void everyRouteRefusesWhoItShould() {
        RouteCoverage.apiKeys()
                .allow(List.of(VIEWER, MARKETER, OPS), "GET /v1/links/{code}", "GET /v1/stats/clicks",
                        "GET /v1/contacts/{id}/clicks")
                .open("GET /{code}", "HEAD /{code}")
                .verify();
    }
}

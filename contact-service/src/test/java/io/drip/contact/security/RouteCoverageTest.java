package io.drip.contact.security;

import static io.drip.kit.security.Roles.INGEST;
import static io.drip.kit.security.Roles.MARKETER;
import static io.drip.kit.security.Roles.OPS;
import static io.drip.kit.security.Roles.VIEWER;

import io.drip.testing.RouteCoverage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may call each of contact-service's routes (docs/security.md, contact-service roles); nothing is public. */
@QuarkusTest
class RouteCoverageTest {

    @Test
    void everyRouteRefusesWhoItShould() {
        RouteCoverage.apiKeys()
                .allow(List.of(INGEST), "POST /v1/identify", "POST /v1/track", "POST /v1/page", "POST /v1/alias",
                        "POST /v1/batch", "POST /v1/import")
                .allow(List.of(VIEWER, MARKETER, OPS), "GET /v1/contacts", "GET /v1/contacts/{id}",
                        "GET /v1/contacts/{id}/consent", "GET /v1/segments", "GET /v1/segments/{id}/contacts",
                        "GET /v1/contacts/imports/{id}", "GET /v1/reports/holdout-lift")
                .allow(List.of(MARKETER), "PUT /v1/contacts/{id}", "PATCH /v1/contacts/{id}",
                        "PUT /v1/contacts/{id}/consent/{channel}/{category}", "POST /v1/contacts/import",
                        "POST /v1/contacts/imports")
                .allow(List.of(OPS), "GET /v1/contacts/{id}/export", "DELETE /v1/contacts/{id}")
                .verify();
    }
}

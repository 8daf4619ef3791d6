package io.drip.contact.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs in an application of its own (a test profile): the 100k-row import leaves minutes of
 * background work (publishing, segment evaluation) that the next application's clean database
 * does not inherit, so the other tests' timings do not depend on it.
 */
@QuarkusTest
@TestProfile(ContactImportTest.BulkImport.class)
class ContactImportTest {
    public static class BulkImport implements QuarkusTestProfile {
    }

    private static final Logger LOG = Logger.getLogger(ContactImportTest.class);

    @Inject
    Pool pool;

    private static ValidatableResponse importCsv(String csv, String region) {
        var request = given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("text/csv").body(csv);
        if (region != null) {
            request.queryParam("region", region);
        }
        return request.post("/v1/contacts/import").then();
    }

    @Test
    void importsGoodRowsReportsBadOnesByLineAndFieldAndARerunChangesNothing() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                id,phone,first_name,timezone,consent.sms.marketing
                %1$s-1,06 12 34 56 78,Ada,,opted_in
                ,06 12 34 56 79,NoId,,
                %1$s-2,06 12 34 56 80,Bad zone,Mars/Base,
                %1$s-3,06 12 34 56 81,Bad consent,,maybe
                %1$s-4,06 12 34 56 82,Too,many,,columns,here
                %1$s-5,"+1 (415) 555-2671","Grace, \"\"Amazing\"\"",America/New_York,opted_out
                %1$s-1,,Ada Lovelace,,
                """.formatted(t);
        importCsv(csv, "FR").statusCode(200)
                .body("rows", equalTo(7)).body("created", equalTo(2)).body("updated", equalTo(0))
                .body("failed", equalTo(4)).body("errors", hasSize(4))
                .body("errors[0].line", equalTo(3)).body("errors[0].field", equalTo("id"))
                .body("errors[1].line", equalTo(4)).body("errors[1].field", equalTo("timezone"))
                .body("errors[2].line", equalTo(5)).body("errors[2].field", equalTo("consent.sms.marketing"))
                .body("errors[3].line", equalTo(6)).body("errors[3].message", containsString("CSV"));
        var viewer = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER));
        viewer.get("/v1/contacts/" + t + "-1").then().statusCode(200).body("phone", equalTo("+33612345678"))
                .body("traits.first_name", equalTo("Ada Lovelace")).body("consent.sms.marketing.state", equalTo("opted_in"))
                .body("consent.sms.marketing.source", equalTo("import"));
        viewer.get("/v1/contacts/" + t + "-5").then().statusCode(200).body("phone", equalTo("+14155552671"))
                .body("traits.first_name", equalTo("Grace, \"Amazing\"")).body("timezone", equalTo("America/New_York"))
                .body("consent.sms.marketing.state", equalTo("opted_out"));
        long version = ((Number) viewer.get("/v1/contacts/" + t + "-1").path("version")).longValue();

        importCsv(csv, "FR").statusCode(200).body("created", equalTo(0)).body("updated", equalTo(0))
                .body("unchanged", equalTo(2)).body("failed", equalTo(4));
        viewer.get("/v1/contacts/" + t + "-1").then().body("version", equalTo((int) version));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + t + "-1/consent")
                .then().body("history", hasSize(1)).body("history[0].messageId", containsString(":2"));
    }

    @Test
    void aBadHeaderOrAWrongRoleIsRejectedWhole() {
        importCsv("phone,name\n+33612345678,Ada\n", null).statusCode(400).body("field", equalTo("id"));
        importCsv("", null).statusCode(400).body("field", equalTo("id"));
        importCsv("id,consent.sms.promo\nu1,opted_in\n", null).statusCode(400).body("field", equalTo("consent.sms.promo"));
        importCsv("id\nu1\n", "ZZ").statusCode(400).body("field", equalTo("region"));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType("text/csv").body("id\nu1\n")
                .post("/v1/contacts/import").then().statusCode(403);
    }

    /** 100,000 rows, every 1000th without an id, every 10th with a consent decision. */
    @Test
    void aHundredThousandRowsWithErrorsReportedPerRow() {
        String t = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        int rows = 100_000;
        StringBuilder csv = new StringBuilder(rows * 70).append("id,phone,first_name,plan,consent.sms.marketing\n");
        for (int i = 0; i < rows; i++) {
            String id = i % 1000 == 999 ? "" : t + "-" + i;
            csv.append(id).append(",+3361").append(String.format("%07d", i)).append(",Name").append(i)
                    .append(i % 2 == 0 ? ",gold," : ",silver,").append(i % 10 == 0 ? "opted_in" : "").append('\n');
        }
        var report = importCsv(csv.toString(), null).statusCode(200)
                .body("rows", equalTo(rows)).body("created", equalTo(rows - 100)).body("failed", equalTo(100))
                .body("errors", hasSize(100)).extract();
        List<Integer> lines = report.path("errors.line");
        assertEquals(1000 + 1, (int) lines.get(0), "row 999 is on line 1001 (the header is line 1)");
        assertEquals(100_000 + 1, (int) lines.get(99));
        LOG.infof("import of %d rows: %.2f s, %d rows/s", rows, ((Number) report.path("seconds")).doubleValue(),
                ((Number) report.path("rowsPerSecond")).longValue());
        long stored = pool.preparedQuery("select count(*) from contact where id like $1").execute(Tuple.of(t + "-%"))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(rows - 100, stored);
        long optedIn = pool.preparedQuery("select count(*) from contact where id like $1 and consent->'sms'->'marketing'->>'state' = 'opted_in'")
                .execute(Tuple.of(t + "-%")).await().indefinitely().iterator().next().getLong(0);
        assertEquals(rows / 10, optedIn);
        assertTrue(((Number) report.path("rowsPerSecond")).longValue() > 0);
    }
}

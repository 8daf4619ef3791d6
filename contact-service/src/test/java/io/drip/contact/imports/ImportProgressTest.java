package io.drip.contact.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An import that runs on after its request, in chunks of 2 rows, asked how far it got. */
@QuarkusTest
@TestProfile(ImportProgressTest.SmallChunks.class)
class ImportProgressTest {
    @Inject
    Pool pool;

    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.import.chunk-size", "2");
        }
    }

    @Test
    void theImportAnswersAtOnceAndItsProgressGrowsToTheReport() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("id,phone,first_name\n");
        for (int i = 0; i < 9; i++) {
            csv.append(t).append('-').append(i).append(",06 12 34 5").append(i).append(" 78,Ada\n");
        }
        csv.append(",06 12 34 56 99,NoId\n");
        JsonPath started = given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("text/csv")
                .queryParam("region", "FR").body(csv.toString()).post("/v1/contacts/imports")
                .then().statusCode(202).body("status", equalTo("running")).body("expectedRows", equalTo(10))
                .extract().jsonPath();
        String id = started.getString("importId");

        List<Integer> seen = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonPath job = progress(id);
            seen.add(job.getInt("rows"));
            return job.getString("status").equals("done");
        });
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "the progress never goes back: " + seen);
        }
        JsonPath done = progress(id);
        assertEquals(10, done.getInt("rows"));
        assertEquals(9, done.getInt("created"));
        assertEquals(1, done.getInt("failed"));
        assertEquals(id, done.getString("report.importId"));
        assertEquals(11, done.getInt("report.errors[0].line"), "the row without an id, by its line");
    }

    @Test
    void onlyAMarketerStartsAnImportAndAnUnknownOneIs404() {
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType("text/csv").body("id\nx\n")
                .post("/v1/contacts/imports").then().statusCode(403);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/imports/no-such-import")
                .then().statusCode(404);
    }

    @Test
    void anImportThatStoppedMakingProgressIsReportedInterrupted() {
        String id = "cut-short-" + UUID.randomUUID();
        // as a replica that stopped mid-import leaves it: running, its last chunk an hour ago
        pool.preparedQuery("""
                        insert into contact_import (id, actor, status, expected_rows, rows, created, started_at, updated_at)
                        values ($1, 'test', 'running', 10, 4, 4, now() - interval '2 hours', now() - interval '1 hour')""")
                .execute(Tuple.of(id)).await().indefinitely();
        JsonPath job = progress(id);
        assertEquals("interrupted", job.getString("status"));
        assertEquals(4, job.getInt("rows"), "what it applied is still said");
        assertTrue(job.getString("problem").contains("run the file again"), job.getString("problem"));

        String recent = "running-" + UUID.randomUUID();
        pool.preparedQuery("""
                        insert into contact_import (id, actor, status, expected_rows, started_at, updated_at)
                        values ($1, 'test', 'running', 10, now() - interval '1 minute', now() - interval '10 seconds')""")
                .execute(Tuple.of(recent)).await().indefinitely();
        assertEquals("running", progress(recent).getString("status"), "a chunk ten seconds ago: still running");
    }

    private static JsonPath progress(String id) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/imports/" + id)
                .then().statusCode(200).extract().jsonPath();
    }
}

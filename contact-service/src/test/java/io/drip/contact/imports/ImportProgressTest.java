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

    private static JsonPath progress(String id) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/imports/" + id)
                .then().statusCode(200).extract().jsonPath();
    }
}

package io.drip.journey.simulate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in docs/journeys.md run through the simulator and give the timelines printed
 * there: a marketer who copies one sees what the page says.
 */
@QuarkusTest
class JourneyDocsTest {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- example: (\\S+) (journey|request|timeline) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDocumentedExamplesGiveTheDocumentedTimelines() throws IOException {
        Map<String, Map<String, String>> examples = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(Files.readString(Path.of("../docs/journeys.md")));
        while (block.find()) {
            examples.computeIfAbsent(block.group(1), name -> new LinkedHashMap<>()).put(block.group(2), block.group(3));
        }
        assertFalse(examples.isEmpty(), "docs/journeys.md has examples");
        examples.forEach((name, parts) -> {
            ObjectNode request = MessageJson.read(parts.get("request"), ObjectNode.class);
            request.put("journey", parts.get("journey"));
            String timeline = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                    .contentType(ContentType.JSON).accept(ContentType.TEXT).body(request.toString())
                    .post("/v1/journeys/simulate").then().statusCode(200).extract().asString();
            assertEquals(parts.get("timeline"), timeline, "the timeline of example '" + name + "' in docs/journeys.md");
        });
    }
}

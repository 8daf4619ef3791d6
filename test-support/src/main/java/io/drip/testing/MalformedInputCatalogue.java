package io.drip.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.DynamicTest;

/**
 * The malformed-input catalogue of issue 19: one runner for the cases files of every service
 * ({@code src/test/resources/malformed-input.json}), each case a bad HTTP request that must get
 * its specific 4xx naming what was wrong and where, or a bad Kafka record that must land in the
 * topic's {@code .dlq} with the reason; and, after either, the checks that show nothing of it
 * was applied. The format is described in docs/ingest.md#the-malformed-input-catalogue.
 *
 * <p>A case is JSON:
 * <pre>
 * {"name": "...", "kind": "wrong type | missing field | oversize | bad encoding | bad time zone
 *            | unknown key | duplicate id | hostile string",
 *  "before": [request...],                       // set-up, each must answer 2xx
 *  "request": {"method", "path", "auth": "write|marketer|ops|viewer", "headers": {},
 *              "contentType", "body": any JSON | "raw": "text" | "base64": "bytes"},
 *  "expect": {"status": 400, "field": "/pointer", "message": "fragment"},  // or "line", "column"...;
 *            {"status": 404, "page": "text of a public page", "lacks": ["what must not be echoed"]}
 *  "record": {"topic", "key", "value": any JSON | "raw": "text" | "base64": "bytes"},
 *  "expect": {"dlq": "fragment of the dead-letter-reason header"},
 *  "after": [request + {"status", "has": [...], "lacks": [...]}]}   // nothing half-applied
 * </pre>
 * In every string, {@code ${run}} is a token unique to the case (fresh ids on every run) and
 * {@code ${pad:N}} is N letters 'x' (oversize bodies and fields).
 */
public final class MalformedInputCatalogue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAD = Pattern.compile("\\$\\{pad:(\\d+)}");
    private static final Duration DLQ_WAIT = Duration.ofSeconds(30);
    private static final RestAssuredConfig AS_SENT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    private final String resource;
    private final List<JsonNode> cases;

    private MalformedInputCatalogue(String resource, List<JsonNode> cases) {
        this.resource = resource;
        this.cases = cases;
    }

    /** The cases of a classpath resource, e.g. {@code malformed-input.json}. */
    public static MalformedInputCatalogue load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the test classpath");
            }
            JsonNode root = JSON.readTree(in);
            List<JsonNode> cases = StreamSupport.stream(root.get("cases").spliterator(), false).toList();
            return new MalformedInputCatalogue(resource, cases);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** One dynamic test a case, named by its kind and name. */
    public Stream<DynamicTest> tests() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(
                "[" + c.path("kind").asText("?") + "] " + c.path("name").asText("?"), () -> run(c)));
    }

    private void run(JsonNode c) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (JsonNode setUp : c.path("before")) {
            Response answer = send(setUp, run);
            int status = answer.statusCode();
            assertTrue(status >= 200 && status < 300, "set-up " + setUp.path("path").asText() + " answered "
                    + status + ": " + abbreviated(answer.asString()));
        }
        JsonNode expect = c.path("expect");
        if (c.has("request")) {
            checkAnswer(send(c.get("request"), run), expect, run);
        } else if (c.has("record")) {
            checkDeadLettered(c.get("record"), expect, run);
        } else {
            fail(resource + ": case '" + c.path("name").asText() + "' has neither request nor record");
        }
        for (JsonNode check : c.path("after")) {
            Response answer = send(check, run);
            String where = check.path("method").asText("GET") + " " + fill(check.path("path").asText(), run);
            assertEquals(check.path("status").asInt(200), answer.statusCode(), where + " after the case: "
                    + abbreviated(answer.asString()));
            for (JsonNode has : check.path("has")) {
                assertTrue(answer.asString().contains(fill(has.asText(), run)),
                        where + " should contain '" + has.asText() + "': " + abbreviated(answer.asString()));
            }
            for (JsonNode lacks : check.path("lacks")) {
                assertFalse(answer.asString().contains(fill(lacks.asText(), run)),
                        where + " should not contain '" + lacks.asText() + "' (half-applied?): "
                                + abbreviated(answer.asString()));
            }
        }
    }

    /** The status, and an ApiError body saying what was wrong ({@code message}) and where ({@code field}). */
    private static void checkAnswer(Response answer, JsonNode expect, String run) {
        String body = abbreviated(answer.asString());
        assertEquals(expect.path("status").asInt(), answer.statusCode(), "status; body: " + body);
        for (JsonNode lacks : expect.path("lacks")) {
            // nothing of a hostile input is echoed where a browser would run it
            assertFalse(answer.asString().contains(lacks.asText()), "the answer echoes '" + lacks.asText() + "': " + body);
        }
        if (expect.has("page")) {
            // a public page for people (the redirect), not an API answer
            assertTrue(answer.asString().contains(expect.get("page").asText()), "page should say '"
                    + expect.get("page").asText() + "': " + body);
            return;
        }
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the answer is not a JSON error body: '" + body + "'", e);
        }
        assertNotNull(error, "an empty answer says nothing of what was wrong");
        String message = error.path("message").asText("");
        assertFalse(message.isBlank(), "the answer says nothing of what was wrong: " + body);
        // field (a JSON pointer or parameter), or line and column (journey YAML), or any other property
        for (var expected = expect.fields(); expected.hasNext(); ) {
            var property = expected.next();
            if (!List.of("status", "message", "lacks").contains(property.getKey())) {
                assertEquals(fill(property.getValue().asText(), run), error.path(property.getKey()).asText(null),
                        property.getKey() + "; body: " + body);
            }
        }
        if (expect.has("message")) {
            String fragment = fill(expect.get("message").asText(), run);
            assertTrue(message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                    "message should mention '" + fragment + "': " + body);
        }
    }

    private static void checkDeadLettered(JsonNode record, JsonNode expect, String run) {
        String topic = record.get("topic").asText();
        String key = fill(record.get("key").asText(), run);
        try (TopicProbe dlq = TopicProbe.watch(topic + ".dlq")) {
            TopicProbe.produceBytes(topic, key, payload(record, run), Map.of());
            var parked = dlq.await(r -> key.equals(r.key()), DLQ_WAIT);
            Header reason = parked.headers().lastHeader("dead-letter-reason");
            assertNotNull(reason, "the DLQ record has no dead-letter-reason header");
            String text = new String(reason.value(), StandardCharsets.UTF_8);
            String fragment = fill(expect.path("dlq").asText(), run);
            assertTrue(text.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                    "the dead-letter reason should mention '" + fragment + "': " + text);
        }
    }

    private static Response send(JsonNode request, String run) {
        // paths are sent as written: a case may hold %00 or %2F on purpose
        RequestSpecification spec = given().config(AS_SENT).urlEncodingEnabled(false);
        String auth = request.path("auth").asText("");
        switch (auth) {
            case "":
                break;
            case "write":
                spec = spec.auth().preemptive().basic(TestKeys.WRITE, "");
                break;
            case "marketer":
                spec = spec.header("Authorization", TestKeys.bearer(TestKeys.MARKETER));
                break;
            case "ops":
                spec = spec.header("Authorization", TestKeys.bearer(TestKeys.OPS));
                break;
            case "viewer":
                spec = spec.header("Authorization", TestKeys.bearer(TestKeys.VIEWER));
                break;
            default:
                throw new IllegalArgumentException("unknown auth '" + auth + "'");
        }
        var headers = request.path("headers").fields();
        while (headers.hasNext()) {
            var header = headers.next();
            spec = spec.header(header.getKey(), fill(header.getValue().asText(), run));
        }
        byte[] body = payload(request, run);
        if (body != null) {
            String type = request.path("contentType").asText("application/json");
            // RestAssured encodes a form body itself and takes it only as text (cases write it encoded)
            spec = type.startsWith("application/x-www-form-urlencoded")
                    ? spec.contentType(type).body(new String(body, StandardCharsets.UTF_8))
                    : spec.contentType(type).body(body);
        }
        String method = request.path("method").asText("GET");
        return spec.request(method, fill(request.path("path").asText(), run));
    }

    /** The bytes of {@code body} (JSON), {@code raw} (text) or {@code base64}; null when none. */
    private static byte[] payload(JsonNode node, String run) {
        if (node.has("base64")) {
            return Base64.getDecoder().decode(node.get("base64").asText());
        }
        String text;
        if (node.has("raw")) {
            text = node.get("raw").asText();
        } else if (node.has("body")) {
            text = node.get("body").toString();
        } else if (node.has("value")) {
            JsonNode value = node.get("value");
            text = value.isTextual() ? value.asText() : value.toString();
        } else {
            return null;
        }
        return fill(text, run).getBytes(StandardCharsets.UTF_8);
    }

    /** Answers may echo a padded body: failures show its start. */
    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "… (" + text.length() + " characters)";
    }

    static String fill(String text, String run) {
        String withRun = text.replace("${run}", run);
        Matcher pad = PAD.matcher(withRun);
        StringBuilder out = new StringBuilder();
        while (pad.find()) {
            pad.appendReplacement(out, "x".repeat(Integer.parseInt(pad.group(1))));
        }
        pad.appendTail(out);
        return out.toString();
    }
}

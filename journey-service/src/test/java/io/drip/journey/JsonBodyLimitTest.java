package io.drip.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * service-kit's JsonBodyLimit on a JSON endpoint: a body over 64 KB is refused with 413 whether
 * it declares its length or comes in chunks without one (java.net.http sends a stream so).
 */
@QuarkusTest
class JsonBodyLimitTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/v1/journeys/simulate")
    URI simulate;

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(simulate).header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] simulation(int padding) {
        return ("{\"journey\": \"journey: x\\n\", \"contact\": {\"traits\": {\"note\": \"" + "x".repeat(padding) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithOrWithoutALength() throws Exception {
        byte[] large = simulation(70 * 1024);
        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofByteArray(large));
        assertEquals(413, declared.statusCode(), declared.body());
        assertTrue(declared.body().contains("the request body is " + large.length + " bytes"), declared.body());

        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("sent in chunks, without a length") && chunked.body().contains("payload_too_large"),
                chunked.body());
    }

    @Test
    void aSmallBodyInChunksIsReadAsAnyOther() throws Exception {
        byte[] small = simulation(10);
        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofByteArray(small));
        assertEquals(declared.statusCode(), chunked.statusCode(), chunked.body());
        assertEquals(declared.body(), chunked.body(), "the same answer: the body was read whole");
    }
}

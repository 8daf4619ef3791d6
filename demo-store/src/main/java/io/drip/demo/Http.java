package io.drip.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The HTTP calls the demo makes to Drip: JSON with an API key (Bearer) or a write key (Basic),
 * and plain requests to short links. A non-2xx answer is an error naming the call and the answer.
 */
public final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** GET with an API key; the answer as JSON. */
    public JsonNode getJson(String url, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json").GET().build();
        return MessageJson.read(send(request), JsonNode.class);
    }

    /** POST of JSON with an API key; the answer as JSON. */
    public JsonNode postJson(String url, String apiKey, Object body) {
        return MessageJson.read(send(jsonPost(url, body).header("Authorization", "Bearer " + apiKey).build()),
                JsonNode.class);
    }

    /** POST of JSON with a write key as HTTP Basic user, as Segment's libraries do. */
    public void postWithWriteKey(String url, String writeKey, Object body) {
        String basic = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        send(jsonPost(url, body).header("Authorization", "Basic " + basic).build());
    }

    /** Opens a link as a browser or a preview fetcher would ({@code method} GET or HEAD); the status code. */
    public int open(String url, String method, String userAgent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("User-Agent", userAgent)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + url, e);
        }
    }

    private static HttpRequest.Builder jsonPost(String url, Object body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : MessageJson.write(body)));
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }
}

package io.drip.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drip.contracts.MessageJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A regional SMS gateway as dispatch's {@code http} provider calls it: it takes
 * {@code POST /<anything>} with a JSON message and an {@code Idempotency-Key}, answers
 * {@code {"id", "segments"}}, and honours the key (a key it has seen gets the same id back, and
 * sends no second SMS). It records every request with the path it came to (one path per
 * replica tells the replicas apart) and when it arrived. A test hooks into a request before
 * or after it is answered (to kill dispatch at that moment).
 */
final class GatewayStandIn implements AutoCloseable {

    /** One request as the gateway received it. */
    record Request(String path, String idempotencyKey, String messageId, String to, String text, Instant receivedAt) {
    }

    /** Called with each request and its number (from 1), before or after it is answered. */
    interface Hook {
        void on(Request request, int number) throws Exception;
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile Hook beforeAnswer = (request, number) -> { };
    private volatile Hook afterAnswer = (request, number) -> { };

    private GatewayStandIn(HttpServer server) {
        this.server = server;
    }

    static GatewayStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        GatewayStandIn gateway = new GatewayStandIn(server);
        server.createContext("/", gateway::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        return gateway;
    }

    /** The URL to configure as DRIP_HTTP_PROVIDER_URL, under {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void beforeAnswer(Hook hook) {
        beforeAnswer = hook;
    }

    void afterAnswer(Hook hook) {
        afterAnswer = hook;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The SMS the gateway sent: one per idempotency key. */
    int smsSent() {
        return idsByKey.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = MessageJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            Request request = new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body.path("messageId").asText(null),
                    body.path("to").asText(null), body.path("text").asText(null), Instant.now());
            requests.add(request);
            int number = numbers.incrementAndGet();
            beforeAnswer.on(request, number);
            String id = idsByKey.computeIfAbsent(request.idempotencyKey(), key -> "GW-" + idsByKey.size() + "-" + key);
            byte[] answer = ("{\"id\":\"" + id + "\",\"segments\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            afterAnswer.on(request, number);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("gateway stand-in hook failed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.drip.journey.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drip.kit.signing.HmacSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stub of the shop's webhook endpoint on the loopback address, for the journeys' webhook steps
 * on the real broker and PostgreSQL. It records every request by the {@code contact} parameter of
 * its query and answers as the test says; each request has its own thread, so an answer held
 * back by a test does not hold the others.
 */
final class TestShop implements AutoCloseable {

    /** One request: its path, Idempotency-Key, whether its signature checked out, its body, when it came. */
    record Seen(String path, String key, boolean signed, String body, Instant at) {
    }

    record Answer(int status, String body) {
    }

    /** The answer to a request, given the requests of its contact so far (the last one is this one). */
    interface Answers {
        Answer to(Seen request, List<Seen> ofContact) throws InterruptedException;
    }

    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final Answers answers;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private TestShop(Answers answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    static TestShop start(Answers answers) throws IOException {
        return new TestShop(answers);
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests for this contact, in their order. */
    List<Seen> seen(String contactId) {
        return seen.getOrDefault(contactId, List.of());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // the secret of the test profile (application.properties)
        boolean signed = HmacSignature.valid("test-webhook-secret",
                exchange.getRequestHeaders().getFirst(HmacSignature.TIMESTAMP_HEADER), body,
                exchange.getRequestHeaders().getFirst(HmacSignature.SIGNATURE_HEADER), Instant.now());
        Seen request = new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                signed, body, Instant.now());
        List<Seen> ofContact = seen.computeIfAbsent(contact(exchange.getRequestURI().getQuery()),
                c -> new CopyOnWriteArrayList<>());
        ofContact.add(request);
        Answer answer;
        try {
            answer = answers.to(request, ofContact);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(503, "{\"error\":\"stopped\"}");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String contact(String query) {
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("contact=")) {
                return parameter.substring("contact=".length());
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

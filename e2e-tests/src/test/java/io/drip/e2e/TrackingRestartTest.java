package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.TopicProbe;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tracking-service as a process: the redirect answers before a click is committed, so a click
 * lives in memory for a moment, then in PostgreSQL with its batch's click_batch row until the
 * broker has it (published at once by the instance, or later from PostgreSQL by any instance). Every click that got
 * its 302 reaches drip.clicks.v1 exactly once across a graceful restart (SIGTERM in the middle of
 * a stream of clicks) and across a Kafka outage with a restart inside it.
 */
class TrackingRestartTest {
    private static final int PORT = 18391;
    private static final String DB = "drip_tracking_e2e_restart";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private String group;

    @BeforeEach
    void freshDatabaseAndGroup() throws Exception {
        try (Connection db = database("postgres")) {
            db.createStatement().execute("drop database if exists " + DB + " with (force)");
            db.createStatement().execute("create database " + DB);
        }
        group = "e2e-tracking-" + UUID.randomUUID().toString().substring(0, 8);
        ConsumerGroups.startAtEnd(Map.of(group + ".sends", Topics.SENDS, group + ".deliveries", Topics.DELIVERIES));
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(ServiceProcess::close);
    }

    private static Connection database(String name) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "drip", "drip");
    }

    private ServiceProcess start(Map<String, String> extra) throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = ServiceProcess.environment(DB, PORT, group);
        env.putAll(extra);
        ServiceProcess tracking = ServiceProcess.start(repo, "tracking-service", PORT + 100, env);
        processes.add(tracking);
        tracking.awaitReady(WAIT);
        return tracking;
    }

    /** Registers one link per contact through drip.sends.v1; returns the codes. */
    private static List<String> registerLinks(int count) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            var send = new SendCommand(UUID.randomUUID().toString(), "k-" + code, "c-" + code, "restart", 1, "hello",
                    null, "sms", "marketing", "Hi", List.of(new SendCommand.Link(code, "https://shop.example/")), null,
                    null, Instant.now(), false, null);
            TopicProbe.produce(Topics.SENDS, send.contactId(), MessageJson.write(send));
            codes.add(code);
        }
        try (Connection db = database(DB)) {
            Awaitility.await().atMost(WAIT).until(() -> {
                var query = db.prepareStatement("select count(*) from link where code = any(?)");
                query.setArray(1, db.createArrayOf("text", codes.toArray()));
                var rows = query.executeQuery();
                return rows.next() && rows.getInt(1) == count;
            });
        }
        return codes;
    }

    /** One click; true if it was answered with the redirect. */
    private boolean click(String code) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/" + code))
                    .header("User-Agent", IPHONE).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 302;
        } catch (Exception refusedOrReset) {
            return false; // the service is stopping: this click was not answered, so it is not owed
        }
    }

    /** Click ids published per code, failing if any click id was published twice. */
    private static Map<String, Set<String>> publishedClicks(TopicProbe clicks, Set<String> codes, int expected) {
        Awaitility.await().atMost(WAIT).until(() -> clicks.all(r -> codes.contains(codeOf(r.value())),
                Duration.ofMillis(500)).size() >= expected);
        List<Click> published = clicks.all(r -> codes.contains(codeOf(r.value())), Duration.ofSeconds(3)).stream()
                .map(r -> MessageJson.read(r.value(), Click.class)).toList();
        Set<String> ids = new HashSet<>();
        published.forEach(click -> assertTrue(ids.add(click.clickId()), "published twice: " + click.clickId()));
        return published.stream().collect(Collectors.groupingBy(Click::code,
                Collectors.mapping(Click::clickId, Collectors.toSet())));
    }

    private static String codeOf(String clickJson) {
        return MessageJson.read(clickJson, Click.class).code();
    }

    @Test
    void everyAnsweredClickIsPublishedOnceAcrossAGracefulRestartInTheMiddleOfTheClicks() throws Exception {
        // the first instance writes and publishes what it took before it stops, nothing twice
        ServiceProcess first = start(Map.of());
        List<String> codes = registerLinks(10);
        Map<String, LongAdder> answered = new ConcurrentHashMap<>();
        Map<String, LongAdder> tried = new ConcurrentHashMap<>();
        codes.forEach(code -> {
            answered.put(code, new LongAdder());
            tried.put(code, new LongAdder());
        });
        AtomicInteger total = new AtomicInteger();
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            ExecutorService clickers = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int offset = t;
                clickers.submit(() -> {
                    for (int i = offset; ; i++) {
                        String code = codes.get(i % codes.size());
                        tried.get(code).increment();
                        if (!click(code)) {
                            break;
                        }
                        answered.get(code).increment();
                        total.incrementAndGet();
                    }
                });
            }
            Awaitility.await().atMost(WAIT).until(() -> total.get() >= 300);
            String log = first.stopGracefully(Duration.ofSeconds(30)); // the clickers are still clicking
            clickers.shutdown();
            assertTrue(clickers.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(log.contains("every click is written to PostgreSQL"), "flushed at shutdown:\n" + log);

            start(Map.of());
            Map<String, Set<String>> published = publishedClicks(clicks, Set.copyOf(codes), total.get());
            // every answered click is published; a click whose answer was lost as the server
            // stopped may be published too (it was taken), but nothing beyond what was tried
            for (String code : codes) {
                int count = published.getOrDefault(code, Set.of()).size();
                assertTrue(count >= answered.get(code).intValue() && count <= tried.get(code).intValue(),
                        code + ": " + count + " published, " + answered.get(code) + " answered, " + tried.get(code)
                                + " tried");
            }
        }
    }

    @Test
    void clicksDuringAKafkaOutageArePublishedOnceWhenTheBrokerIsBackAfterARestartInBetween() throws Exception {
        ServiceProcess first = start(Map.of());
        List<String> codes = registerLinks(5);
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            codes.forEach(code -> assertTrue(click(code))); // links in the cache, code paths warm: one more each
            kafka("stop");
            try {
                for (int i = 0; i < 50; i++) {
                    long started = System.nanoTime();
                    assertTrue(click(codes.get(i % codes.size())), "click " + i + " answered during the outage");
                    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    // the redirect never calls Kafka (clicks are published from their own thread)
                    assertTrue(millis < 5000, "click " + i + ": the redirect does not wait on Kafka: " + millis + " ms");
                }
                first.stopGracefully(Duration.ofSeconds(60));
            } finally {
                kafka("start");
            }
            start(Map.of());
            Map<String, Set<String>> published = publishedClicks(clicks, Set.copyOf(codes), 55);
            codes.forEach(code -> assertEquals(11, published.get(code).size(), code));
        }
    }

    /** deploy/local/kafka stop|start on the port of the test broker (its data is kept). */
    private static void kafka(String action) throws Exception {
        String servers = TopicProbe.bootstrapServers();
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        File log = repo.resolve("e2e-tests/target/e2e-logs/kafka-" + action + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("deploy/local/kafka").toString(), action)
                .redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("KAFKA_PORT", servers.substring(servers.lastIndexOf(':') + 1));
        Process process = builder.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES) && process.exitValue() == 0,
                "deploy/local/kafka " + action + ": see " + log);
    }
}

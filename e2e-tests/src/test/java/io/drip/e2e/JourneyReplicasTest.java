package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * journey-service as it runs in production, as processes: a restart in the middle of a wait
 * loses no timer and fires it once; two replicas in one consumer group share the work and never
 * advance one contact twice.
 */
class JourneyReplicasTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JOURNEY = """
            journey: replicas
            trigger: {event: Replica Test Start}
            steps:
              - id: first
                send: {channel: sms, category: transactional, text: "first"}
              - wait: 6s
              - id: second
                send: {channel: sms, category: transactional, text: "second"}
            """;

    private static final String VIEWER_KEY = "e2e-viewer-" + UUID.randomUUID();

    private final List<ServiceProcess> replicas = new ArrayList<>();
    private String group;
    private Path journeys;

    @BeforeEach
    void freshGroupAndJourneys() throws Exception {
        group = "e2e-replicas-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> groups = new LinkedHashMap<>();
        Map.of("events", Topics.EVENTS, "contacts", Topics.CONTACTS, "deliveries", Topics.DELIVERIES, "clicks",
                Topics.CLICKS).forEach((channel, topic) -> groups.put(group + "." + channel, topic));
        ConsumerGroups.startAtEnd(groups);
        journeys = Files.createTempDirectory("drip-journeys");
        Files.writeString(journeys.resolve("replicas.yaml"), JOURNEY);
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ServiceProcess::close);
    }

    private ServiceProcess start(int port) throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", TopicProbe.bootstrapServers());
        env.put("DRIP_DB_NAME", "drip_journey_e2e");
        env.put("DRIP_HTTP_PORT", String.valueOf(port));
        env.put("DRIP_MANAGEMENT_PORT", String.valueOf(port + 100));
        env.put("DRIP_KAFKA_GROUP", group);
        env.put("DRIP_JOURNEYS_DIR", journeys.toString());
        env.put("DRIP_JOURNEYS_RELOAD_INTERVAL", "PT1S");
        env.put("DRIP_API_KEYS", "e2e-viewer:viewer:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(VIEWER_KEY.getBytes(StandardCharsets.UTF_8))));
        ServiceProcess replica = ServiceProcess.start(repo, "journey-service", port + 100, env);
        replicas.add(replica);
        replica.awaitReady(Duration.ofSeconds(90));
        return replica;
    }

    private static String enter(String run) {
        String contactId = run + "-" + UUID.randomUUID();
        var snapshot = new ContactSnapshot(contactId, 1, "+33612345678", "valid", "Europe/Paris", "fr-FR",
                MessageJson.mapper().createObjectNode(), Map.of(), Instant.now());
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(snapshot));
        TopicProbe.produce(Topics.EVENTS, contactId, """
                {"type":"track","messageId":"%s","userId":"%s","event":"Replica Test Start","timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), contactId, Instant.now()));
        return contactId;
    }

    private static Map<String, Long> stepsSentTo(TopicProbe sends, String contactId, Duration settle) {
        return sends.all(r -> contactId.equals(r.key()), settle).stream()
                .map(r -> MessageJson.read(r.value(), SendCommand.class).stepId())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aRestartInTheMiddleOfAWaitFiresTheTimerOnce() throws Exception {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            ServiceProcess replica = start(18191);
            String contactId = enter("restart");
            sends.await(r -> contactId.equals(r.key()) && r.value().contains("\"first\""), WAIT);
            replica.stopGracefully(Duration.ofSeconds(30)); // inside the 6 s wait
            start(18191);
            sends.await(r -> contactId.equals(r.key()) && r.value().contains("\"second\""), WAIT);
            assertEquals(Map.of("first", 1L, "second", 1L), stepsSentTo(sends, contactId, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aChangedFileBecomesANewVersionAndAnInvalidOneIsRefusedWhileTheLastKeepsRunning() throws Exception {
        start(18191);
        int before = version();
        Files.writeString(journeys.resolve("replicas.yaml"), JOURNEY.replace("text: \"second\"", "text: \"second, v2\""));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> version() == before + 1);
        Files.writeString(journeys.resolve("replicas.yaml"), JOURNEY.replace("wait: 6s", "wait: soon"));
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("reload");
            var second = sends.await(r -> contactId.equals(r.key()) && r.value().contains("\"second"), WAIT);
            assertEquals("second, v2", MessageJson.read(second.value(), SendCommand.class).text());
        }
        assertEquals(before + 1, version(), "the invalid file made no version");
        String problems = io.restassured.RestAssured.given().header("Authorization", "Bearer " + VIEWER_KEY)
                .get("http://127.0.0.1:18191/v1/journeys/problems").then().statusCode(200).extract().asString();
        assertTrue(problems.contains("replicas.yaml:6:") && problems.contains("soon"), problems);
    }

    private static int version() {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + VIEWER_KEY)
                .get("http://127.0.0.1:18191/v1/journeys").then().statusCode(200)
                .extract().jsonPath().getInt("find { it.id == 'replicas' }.version");
    }

    @Test
    void twoReplicasShareTheContactsAndAdvanceEachOnce() throws Exception {
        start(18191);
        start(18192);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.bootstrapServers()))) {
            String events = group + ".events";
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> admin.describeConsumerGroups(List.of(events))
                    .all().get().get(events).members().size() == 2);
        }
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                contacts.add(enter("pair"));
            }
            for (String contactId : contacts) {
                sends.await(r -> contactId.equals(r.key()) && r.value().contains("\"second\""), WAIT);
            }
            for (String contactId : contacts) {
                assertEquals(Map.of("first", 1L, "second", 1L), stepsSentTo(sends, contactId, Duration.ZERO), contactId);
            }
            assertEquals(Map.of("first", 1L, "second", 1L), stepsSentTo(sends, contacts.get(0), Duration.ofSeconds(5)));
        }
    }
}

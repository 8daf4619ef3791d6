package io.drip.tracking;

import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.withLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Thousands of real user agents, from public fixture lists (test resources user-agents/README.md),
 * through the real redirect: none may turn it into a 5xx, and the clicks stored for them are
 * flagged as the lists say.
 */
@QuarkusTest
class RealUserAgentsTest {
    /** Yauaa's device classes of machines, and of people's own devices. */
    private static final Set<String> ROBOTS = Set.of("Robot", "Robot Mobile", "Robot Imitator");
    private static final Set<String> PEOPLE = Set.of("Phone", "Tablet", "Desktop", "Mobile");
    /** The preview fetchers of messaging apps and social networks, and AI assistants, by their pattern. */
    private static final Map<String, String> MUST_KNOW = Map.ofEntries(Map.entry("WhatsApp", "link_preview"),
            Map.entry("TelegramBot", "link_preview"), Map.entry("facebookexternalhit", "link_preview"),
            Map.entry("Twitterbot", "link_preview"), Map.entry("LinkedInBot", "link_preview"),
            Map.entry("Slackbot", "link_preview"), Map.entry("Discordbot", "link_preview"),
            Map.entry("SkypeUriPreview", "link_preview"), Map.entry("Viber", "link_preview"),
            Map.entry("GPTBot", "ai_agent"), Map.entry("ChatGPT-User", "ai_agent"),
            Map.entry("[cC]laude[bB]ot", "ai_agent"), Map.entry("Claude-User", "ai_agent"),
            Map.entry("PerplexityBot\\/", "ai_agent"), Map.entry("Perplexity-User", "ai_agent"),
            Map.entry("Google-Extended", "ai_agent"), Map.entry("meta-externalagent\\/", "ai_agent"));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void yauaasAgentsNeverFailTheRedirectAndMachinesAreFlagged() throws IOException {
        Map<String, String> deviceClasses = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/user-agents/yauaa-7.31.0-tests.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t", 2);
                deviceClasses.put(onTheWire(fields[1]), fields[0]);
            }
        }
        Map<String, String> reasons = clicksOf(deviceClasses.keySet());

        List<String> robotsMissed = new ArrayList<>();
        List<String> peopleFlagged = new ArrayList<>();
        deviceClasses.forEach((agent, deviceClass) -> {
            String reason = reasons.get(agent);
            if (ROBOTS.contains(deviceClass) && reason == null) {
                robotsMissed.add(agent);
            } else if (PEOPLE.contains(deviceClass) && reason != null) {
                peopleFlagged.add(reason + ": " + agent);
            }
        });
        long robots = deviceClasses.values().stream().filter(ROBOTS::contains).count();
        long people = deviceClasses.values().stream().filter(PEOPLE::contains).count();
        // Yauaa knows robots by rules of its own; ua-parser and crawler-user-agents miss some it
        // names (HTTP libraries of other languages, Google's lesser fetchers), and flag headless
        // browsers and the apps' preview fetchers that it files as devices. Measured with
        // crawler-user-agents 1.60.0 and uap-java 1.6.1: about 79 % of its robots flagged, 1.2 % of people.
        assertTrue(robotsMissed.size() <= robots / 4,
                robotsMissed.size() + " of " + robots + " robots counted as people, e.g. " + first(robotsMissed));
        assertTrue(peopleFlagged.size() <= people / 50,
                peopleFlagged.size() + " of " + people + " people's agents flagged, e.g. " + first(peopleFlagged));
    }

    @Test
    void everyAgentOfTheCrawlerListIsFlaggedAndPreviewsAndAiAgentsSaySo() throws IOException {
        JsonNode list;
        try (InputStream in = getClass().getResourceAsStream("/io/drip/tracking/click/crawler-user-agents.json")) {
            list = new ObjectMapper().readTree(in);
        }
        Map<String, Set<String>> tagsOfAgent = new HashMap<>();
        Map<String, List<String>> agentsOfPattern = new HashMap<>();
        for (JsonNode entry : list) {
            Set<String> tags = new HashSet<>();
            entry.path("tags").forEach(tag -> tags.add(tag.asText()));
            for (JsonNode instance : entry.path("instances")) {
                tagsOfAgent.merge(onTheWire(instance.asText()), tags, (a, b) -> {
                    Set<String> both = new HashSet<>(a);
                    both.addAll(b);
                    return both;
                });
                agentsOfPattern.computeIfAbsent(entry.path("pattern").asText(), p -> new ArrayList<>())
                        .add(onTheWire(instance.asText()));
            }
        }
        Map<String, String> reasons = clicksOf(tagsOfAgent.keySet());

        List<String> wrong = new ArrayList<>();
        tagsOfAgent.forEach((agent, tags) -> {
            String reason = reasons.get(agent);
            boolean right = reason != null && (!tags.contains("ai-crawler") || "ai_agent".equals(reason))
                    && (!tags.contains("social-preview") || tags.contains("ai-crawler") || "link_preview".equals(reason));
            if (!right) {
                wrong.add(reason + " " + tags + ": " + agent);
            }
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " misjudged, e.g. " + first(wrong));
        MUST_KNOW.forEach((pattern, reason) -> {
            List<String> agents = agentsOfPattern.getOrDefault(pattern, List.of());
            assertTrue(!agents.isEmpty(), "the list still has " + pattern);
            agents.forEach(agent -> assertEquals(reason, reasons.get(agent), agent));
        });
    }

    /** GETs one link once per agent, asserts no 5xx, and reads back each agent's stored bot reason. */
    private Map<String, String> clicksOf(Set<String> agents) {
        String code = code();
        produce(withLink("c-" + UUID.randomUUID(), code, "https://shop.example/", Instant.now(), null));
        awaitRegistered(code);
        List<String> failed = new ArrayList<>();
        List<String> all = List.copyOf(agents);
        for (int from = 0; from < all.size(); from += 32) {
            List<CompletableFuture<String>> answers = all.subList(from, Math.min(all.size(), from + 32)).stream()
                    .map(agent -> http.sendAsync(HttpRequest.newBuilder(base.resolve("/" + code))
                                    .header("User-Agent", agent).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding())
                            .thenApply(response -> response.statusCode() == 302 ? null
                                    : response.statusCode() + ": " + agent))
                    .toList();
            answers.forEach(answer -> {
                String failure = answer.join();
                if (failure != null) {
                    failed.add(failure);
                }
            });
        }
        assertTrue(failed.isEmpty(), failed.size() + " agents not redirected, e.g. " + first(failed));

        Map<String, String> reasons = new HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            reasons.clear();
            for (Row row : pool.preparedQuery("select user_agent, bot_reason from click where code = $1")
                    .execute(Tuple.of(code)).await().indefinitely()) {
                reasons.put(row.getString("user_agent"), row.getString("bot_reason"));
            }
            assertEquals(agents.size(), reasons.size(), "clicks stored");
        });
        return reasons;
    }

    /**
     * The agent as the server reads it: without surrounding white space (RFC 9110, 5.5), and
     * characters beyond Latin-1 (a few agents have Unicode spaces) as their UTF-8 bytes, which is
     * what a client sends and a header decoder reads byte by byte.
     */
    private static String onTheWire(String agent) {
        return new String(agent.strip().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static List<String> first(List<String> examples) {
        return examples.subList(0, Math.min(20, examples.size()));
    }
}

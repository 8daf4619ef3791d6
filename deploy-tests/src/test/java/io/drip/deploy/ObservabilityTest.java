package io.drip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prod overlay carries Drip's Grafana dashboard and alert rules (their schema is checked with
 * the other objects by KubernetesManifestsTest), and every metric they query
 * is one a service test asserts on a running service's /q/metrics (tests using ServiceMetrics), so
 * a renamed metric cannot leave a dashboard panel or an alert silently empty.
 */
class ObservabilityTest {
    /** Names of series Drip exposes: its own (drip_) and the Kafka client metrics Quarkus binds. */
    private static final Pattern METRIC = Pattern.compile("\\b(drip_[a-z0-9_]+|kafka_consumer_[a-z0-9_]+)");
    private static final Pattern HISTOGRAM_PART = Pattern.compile("_(bucket|count|sum)$");
    private static final Set<String> ALERTS = Set.of("DripConsumerLagGrowing", "DripOutboxBacklog",
            "DripProviderFailureRate", "DripTimersLate", "DripDeadLetters");

    private static List<HasMetadata> prod;

    @BeforeAll
    static void render() throws Exception {
        prod = Manifests.objects(Manifests.render("prod"));
    }

    @Test
    void theDashboardIsAConfigMapGrafanasSidecarLoads() throws Exception {
        ConfigMap map = dashboardMap();
        assertEquals("1", map.getMetadata().getLabels().get("grafana_dashboard"));
        JsonNode dashboard = dashboard(map);
        assertEquals("drip-overview", dashboard.get("uid").asText());
        assertTrue(dashboard.get("panels").size() >= 10, "a panel for each series of docs/operations.md");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasASeverityAndASummary() {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            String name = (String) rule.get("alert");
            names.add(name);
            assertFalse(String.valueOf(rule.get("expr")).isBlank(), name);
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertTrue(Set.of("warning", "critical").contains(labels.get("severity")), name + ": severity");
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertTrue(annotations.containsKey("summary"), name + ": a summary");
        }
        assertEquals(new TreeSet<>(ALERTS), new TreeSet<>(names));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsOneTheServicesExpose() throws Exception {
        Set<String> exposed = assertedByServiceTests();
        assertTrue(exposed.contains("drip_records_processed_total"), "found the service tests' names: " + exposed);
        List<String> queries = new ArrayList<>();
        dashboard(dashboardMap()).findValues("expr").forEach(expr -> queries.add(expr.asText()));
        rules().forEach(rule -> queries.add(String.valueOf(rule.get("expr"))));
        assertEquals(List.of(), unknown(queries, exposed));
    }

    @Test
    void prodExportsASampleOfTheTraces() {
        ConfigMap common = prod.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("drip-common"))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow();
        assertTrue(common.getData().get("DRIP_OTLP_ENDPOINT").startsWith("http"), "an OTLP endpoint");
        double ratio = Double.parseDouble(common.getData().get("DRIP_TRACES_RATIO"));
        assertTrue(ratio > 0 && ratio <= 1, "a share of the traces: " + ratio);
    }

    @Test
    void aMisspeltMetricIsCaught() throws Exception {
        Set<String> exposed = assertedByServiceTests();
        assertEquals(List.of("drip_sends_totl"), unknown(List.of("rate(drip_sends_totl[5m])"), exposed));
        assertEquals(List.of(), unknown(List.of("histogram_quantile(0.9, rate(drip_redirect_seconds_bucket[5m]))"),
                exposed));
    }

    /** The names in {@code queries} (histogram parts as their histogram) that are not exposed. */
    private static List<String> unknown(List<String> queries, Set<String> exposed) {
        Set<String> missing = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                String name = HISTOGRAM_PART.matcher(m.group(1)).replaceFirst("");
                if (!exposed.contains(name)) {
                    missing.add(m.group(1));
                }
            }
        }
        return List.copyOf(missing);
    }

    /** The series names the services' tests assert on /q/metrics (those that scrape it). */
    private static Set<String> assertedByServiceTests() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Manifests.REPO, 12)) {
            files.filter(f -> f.getFileName().toString().endsWith("Test.java"))
                    .filter(f -> f.toString().contains("/src/test/java/") && !f.toString().contains("/deploy-tests/"))
                    .forEach(f -> {
                        try {
                            String test = Files.readString(f);
                            if (!test.contains("ServiceMetrics.scrape()")) {
                                return;
                            }
                            Matcher m = Pattern.compile("\"" + METRIC.pattern() + "\"").matcher(test);
                            while (m.find()) {
                                names.add(HISTOGRAM_PART.matcher(m.group(1)).replaceFirst(""));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return names;
    }

    private static ConfigMap dashboardMap() {
        return prod.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("drip-grafana-dashboard"))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow(() -> new AssertionError("no dashboard ConfigMap"));
    }

    private static JsonNode dashboard(ConfigMap map) throws IOException {
        return new ObjectMapper().readTree(map.getData().get("drip.json"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        GenericKubernetesResource rule = prod.stream().filter(o -> o.getKind().equals("PrometheusRule"))
                .map(o -> (GenericKubernetesResource) o).findFirst().orElseThrow(() -> new AssertionError("no PrometheusRule"));
        Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        return ((List<Map<String, Object>>) spec.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }
}

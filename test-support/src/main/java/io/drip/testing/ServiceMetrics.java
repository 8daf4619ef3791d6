package io.drip.testing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Prometheus page ({@code /q/metrics} on the management port) of the service a
 * {@code @QuarkusTest} runs, for tests that assert a series moved.
 */
public final class ServiceMetrics {
    private final String page;

    private ServiceMetrics(String page) {
        this.page = page;
    }

    /** Reads the page now. */
    public static ServiceMetrics scrape() {
        // the management URL of a test names the root path (/q) already
        String root = TestHTTPResourceManager.getManagementUri();
        return new ServiceMetrics(given().baseUri(root).get(root.endsWith("/q") ? "/metrics" : "/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    /**
     * The sum of the samples of {@code name} whose labels include these name/value pairs (0 when
     * there is none, as for a counter not incremented yet).
     */
    public double value(String name, String... labelPairs) {
        Map<String, String> labels = labels(labelPairs);
        return samples(name).filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** How much {@code name} (with these label name/value pairs) moved from {@code before} to this page. */
    public double since(ServiceMetrics before, String name, String... labelPairs) {
        return value(name, labelPairs) - before.value(name, labelPairs);
    }

    /** Whether the page has any sample of {@code name}. */
    public boolean has(String name) {
        return samples(name).findAny().isPresent();
    }

    /** The sample lines of {@code name}: "name{labels} value" or "name value". */
    private Stream<String> samples(String name) {
        return page.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    private static Map<String, String> labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("label names and values in pairs: " + Arrays.toString(pairs));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

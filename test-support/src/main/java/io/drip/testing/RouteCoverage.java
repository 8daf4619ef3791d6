package io.drip.testing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every HTTP route of the service a {@code @QuarkusTest} runs, as its OpenAPI document
 * ({@code /q/openapi} on the management interface) lists them, checked against a table the test
 * writes: who may call each route. A route the document has and the table lacks fails, and so
 * does a route of the table the document lacks, so nothing becomes public by being forgotten.
 *
 * <p>For each route: without credentials it must be refused (401, or the sign-in redirect of a
 * page), and with the credentials of every role it does not allow it must answer 403. The
 * allowed roles are not called: a refusal happens before the route runs, a call does not. Where
 * the document names the roles of a route ({@code @RolesAllowed}), they must be the table's: the
 * document tells API users the truth, and the table, written by hand, also catches roles widened
 * by mistake.
 * {@linkplain #open Public} routes must answer without credentials, {@linkplain #signed signed}
 * ones (provider webhooks) must refuse a request without a signature.
 *
 * <pre>{@code
 * RouteCoverage.apiKeys()
 *         .allow(List.of(Roles.VIEWER, Roles.MARKETER, Roles.OPS), "GET /v1/contacts/{id}")
 *         .allow(List.of(Roles.OPS), "DELETE /v1/contacts/{id}")
 *         .open("GET /{code}")
 *         .verify();
 * }</pre>
 */
public final class RouteCoverage {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private final Map<String, UnaryOperator<RequestSpecification>> callers;
    private final String anonymousRefusal;
    private final Predicate<Response> refusesAnonymous;
    private final Map<String, Check> table = new LinkedHashMap<>();

    /** Who may call one route, as a check of what the others get. */
    private interface Check {
        void run(Route route, List<String> failures);
    }

    /**
     * One operation of the document: its method, path template, the request it takes, and the
     * roles its security requirement names (empty where it names none: a public route, one that
     * checks its credentials itself, or one any signed-in person may call).
     */
    private record Route(String method, String template, String contentType, Map<String, String> parameterTypes,
            Set<String> documentedRoles) {
        String key() {
            return method + " " + template;
        }

        /** The path with harmless values for its parameters: 1 for a number, a word that names nothing otherwise. */
        String path() {
            Matcher parameter = PATH_PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (parameter.find()) {
                String type = parameterTypes.getOrDefault(parameter.group(1), "string");
                parameter.appendReplacement(path, type.equals("integer") || type.equals("number") ? "1" : "route-coverage");
            }
            return parameter.appendTail(path).toString();
        }
    }

    /**
     * @param callers how a request is made as each role (credentials added to it)
     * @param anonymousRefusal what a request without credentials must get, as said in a failure
     * @param refusesAnonymous whether an answer is that refusal
     */
    public RouteCoverage(Map<String, UnaryOperator<RequestSpecification>> callers, String anonymousRefusal,
            Predicate<Response> refusesAnonymous) {
        this.callers = Map.copyOf(callers);
        this.anonymousRefusal = anonymousRefusal;
        this.refusesAnonymous = refusesAnonymous;
    }

    /**
     * The services' credentials (docs/security.md): an API key per admin role, and the write key
     * of a source (role {@code ingest}, HTTP Basic); no credentials get 401.
     */
    public static RouteCoverage apiKeys() {
        return new RouteCoverage(Map.of(
                "viewer", bearer(TestKeys.VIEWER),
                "marketer", bearer(TestKeys.MARKETER),
                "ops", bearer(TestKeys.OPS),
                "ingest", request -> request.auth().preemptive().basic(TestKeys.WRITE, "")),
                "401", response -> response.statusCode() == 401);
    }

    private static UnaryOperator<RequestSpecification> bearer(String key) {
        return request -> request.header("Authorization", TestKeys.bearer(key));
    }

    /** Routes only callers with one of these roles may call; every other role gets 403. */
    public RouteCoverage allow(List<String> roles, String... routes) {
        Set<String> unknown = new TreeSet<>(roles);
        unknown.removeAll(callers.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no caller for the roles " + unknown + "; the roles are " + callers.keySet());
        }
        return declare(routes, (route, failures) -> {
            if (!route.documentedRoles().isEmpty() && !route.documentedRoles().equals(new TreeSet<>(roles))) {
                failures.add(route.key() + ": the OpenAPI document says roles " + route.documentedRoles()
                        + ", the table says " + new TreeSet<>(roles));
            }
            expect(route, "without credentials", given(), refusesAnonymous, anonymousRefusal, failures);
            callers.forEach((role, caller) -> {
                if (!roles.contains(role)) {
                    expect(route, "as " + role, caller.apply(given()), response -> response.statusCode() == 403, "403",
                            failures);
                }
            });
        });
    }

    /**
     * Public routes: they answer without credentials (neither 401 nor 403 nor a 5xx, nor the
     * refusal of anonymous callers, such as a page's redirect to the sign-in page).
     */
    public RouteCoverage open(String... routes) {
        return declare(routes, (route, failures) -> expect(route, "without credentials", given(),
                response -> response.statusCode() != 401 && response.statusCode() != 403 && response.statusCode() < 500
                        && !refusesAnonymous.test(response),
                "an answer (public route), not " + anonymousRefusal, failures));
    }

    /**
     * Routes that take no credentials but a request signature (provider webhooks): without one
     * they answer 401 or 403.
     */
    public RouteCoverage signed(String... routes) {
        return declare(routes, (route, failures) -> expect(route, "unsigned", given(),
                response -> response.statusCode() == 401 || response.statusCode() == 403, "401 or 403", failures));
    }

    private RouteCoverage declare(String[] routes, Check check) {
        for (String route : routes) {
            if (table.put(route, check) != null) {
                throw new IllegalArgumentException(route + " is in the table twice");
            }
        }
        return this;
    }

    /** Reads the document, compares it with the table and calls every route; fails with every finding at once. */
    public void verify() {
        List<Route> routes = documentedRoutes();
        List<String> failures = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Route route : routes) {
            documented.add(route.key());
            Check check = table.get(route.key());
            if (check == null) {
                failures.add(route.key() + ": in the OpenAPI document but not in the test's table; say who may call it");
            } else {
                check.run(route, failures);
            }
        }
        table.keySet().stream().filter(route -> !documented.contains(route))
                .forEach(route -> failures.add(route + ": in the table but not in the OpenAPI document"));
        notOnTheMainPort(failures);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " route finding(s):\n  " + String.join("\n  ", failures));
        }
    }

    private void expect(Route route, String as, RequestSpecification request, Predicate<Response> expected,
            String expectation, List<String> failures) {
        request.redirects().follow(false);
        String type = route.contentType();
        if (type != null) {
            request.contentType(type);
            if (!type.startsWith("application/x-www-form-urlencoded")) {
                // sent as it is, whatever the media type (YAML, CSV): what matters is who is asking
                request.config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false))
                        .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(type, ContentType.TEXT)));
                request.body(type.contains("json") ? "{}" : "");
            }
        }
        Response response = request.request(route.method(), route.path());
        if (!expected.test(response)) {
            failures.add(route.key() + " " + as + ": expected " + expectation + ", got " + response.statusCode()
                    + location(response));
        }
    }

    private static String location(Response response) {
        String location = response.header("Location");
        return location == null ? "" : " to " + location;
    }

    /** The document is for the cluster's inside: the main port does not serve it, to anyone. */
    private void notOnTheMainPort(List<String> failures) {
        List<RequestSpecification> requests = new ArrayList<>();
        requests.add(given());
        callers.values().forEach(caller -> requests.add(caller.apply(given())));
        for (RequestSpecification request : requests) {
            int status = request.redirects().follow(false).get("/q/openapi").statusCode();
            if (status == 200) {
                failures.add("GET /q/openapi answers 200 on the main port; it belongs on the management interface");
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Route> documentedRoutes() {
        // the management URL of a test names the root path (/q) already
        String root = TestHTTPResourceManager.getManagementUri();
        Map<String, Map<String, Object>> paths = given().baseUri(root).queryParam("format", "json")
                .get(root.endsWith("/q") ? "/openapi" : "/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Route> routes = new ArrayList<>();
        paths.forEach((template, item) -> {
            Map<String, String> types = parameterTypes((List<Map<String, Object>>) item.get("parameters"));
            item.forEach((method, value) -> {
                if (METHODS.contains(method)) {
                    Map<String, Object> operation = (Map<String, Object>) value;
                    Map<String, String> operationTypes = new LinkedHashMap<>(types);
                    operationTypes.putAll(parameterTypes((List<Map<String, Object>>) operation.get("parameters")));
                    routes.add(new Route(method.toUpperCase(), template, contentType(operation), operationTypes,
                            roles((List<Map<String, List<String>>>) operation.get("security"))));
                }
            });
        });
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parameterTypes(List<Map<String, Object>> parameters) {
        Map<String, String> types = new LinkedHashMap<>();
        if (parameters != null) {
            for (Map<String, Object> parameter : parameters) {
                Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                types.put(String.valueOf(parameter.get("name")), String.valueOf(schema.getOrDefault("type", "string")));
            }
        }
        return types;
    }

    /** The roles an operation's security requirements name (OpenAPI 3.1 allows role names for any scheme). */
    private static Set<String> roles(List<Map<String, List<String>>> requirements) {
        Set<String> roles = new TreeSet<>();
        if (requirements != null) {
            requirements.forEach(requirement -> requirement.values().forEach(roles::addAll));
        }
        return roles;
    }

    /** The first media type the operation's body may have (JSON for "any"); null when it takes none. */
    @SuppressWarnings("unchecked")
    private static String contentType(Map<String, Object> operation) {
        Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
        if (body == null || !(body.get("content") instanceof Map<?, ?> content) || content.isEmpty()) {
            return null;
        }
        String type = String.valueOf(content.keySet().iterator().next());
        return type.contains("*") ? "application/json" : type;
    }
}

package io.drip.console.signin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.console.pages.Viewer;
import io.drip.testing.RouteCoverage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Who may open each of the console's pages (docs/console.md): the console signs people in with a
 * session, not an API key, so "refused" is the redirect to the sign-in page, and a viewer's
 * session gets 403 from what only marketers may do. The sign-in page is the only public one.
 */
@QuarkusTest
class RouteCoverageTest {
    private static final String SESSION = "drip-console-session";
    private static final String VIEWER = "viewer";

    private static UnaryOperator<RequestSpecification> signedIn(String user, String password) {
        Response signedIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
        assertEquals(302, signedIn.statusCode(), user + " signs in");
        String session = signedIn.cookie(SESSION);
        return request -> request.cookie(SESSION, session);
    }

    @Test
    void everyPageRefusesWhoItShould() {
        new RouteCoverage(Map.of(VIEWER, signedIn("victor", "viewer-pass"), Viewer.MARKETER, signedIn("mara", "marketer-pass")),
                "a redirect to /login",
                response -> response.statusCode() == 302 && response.header("Location").contains("/login"))
                .allow(List.of(VIEWER, Viewer.MARKETER), "GET /", "GET /journeys", "GET /journeys/{id}",
                        "GET /journeys/{id}/splits/{step}", "GET /deliveries", "GET /contacts", "GET /contacts/{id}",
                        "GET /editor", "POST /editor/validate", "POST /editor/simulate", "POST /logout")
                .allow(List.of(Viewer.MARKETER), "POST /journeys/{id}/{action}", "POST /editor/publish", "GET /imports",
                        "POST /imports", "GET /imports/{id}")
                .open("GET /login")
                .verify();
    }
}

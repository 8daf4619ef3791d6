package io.drip.console.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.console.StandInJourneyApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Signing in with the configured users, the session cookie, the roles and the CSRF tokens of the forms. */
@QuarkusTest
class SignInTest {
    private static final String SESSION = "drip-console-session";

    private static Response signIn(String user, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    private static String session(String user, String password) {
        Response signedIn = signIn(user, password);
        assertEquals(302, signedIn.statusCode());
        return signedIn.cookie(SESSION);
    }

    /** The journeys page as the user sees it, with the CSRF cookie it set. */
    private static Map.Entry<Document, String> journeysPage(String session) {
        Response page = given().cookie(SESSION, session).get("/journeys");
        assertEquals(200, page.statusCode(), page.asString());
        return Map.entry(Jsoup.parse(page.asString()), page.cookie("csrf-token"));
    }

    @Test
    void pagesNeedASignInAndAWrongPasswordIsRefused() {
        given().redirects().follow(false).get("/journeys").then().statusCode(302)
                .header("Location", containsString("/login"));
        signIn("mara", "wrong").then().statusCode(302).header("Location", endsWith("/login?error=true"));
        signIn("nobody", "marketer-pass").then().statusCode(302).header("Location", endsWith("/login?error=true"));
        given().get("/login?error=true").then().statusCode(200).body(containsString("wrong password"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictAndTheApiKeyNeverReachesTheBrowser() {
        String setCookie = signIn("mara", "marketer-pass").getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SESSION + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        String page = given().cookie(SESSION, session("mara", "marketer-pass")).get("/journeys").asString();
        assertTrue(!page.contains("console-test-key"), "the API key stays on the server");
    }

    @Test
    void aMarketerSeesTheFiguresAndPausesWithTheFormsToken() {
        String session = session("mara", "marketer-pass");
        var page = journeysPage(session);
        Document html = page.getKey();
        assertEquals("7", html.select("tr[data-journey=welcome] td.entered").text());
        assertEquals("6", html.select("tr[data-journey=welcome] td.sent").text());
        assertTrue(html.select("tr[data-journey=welcome] .name").text().contains("Welcome <b>"), "names are escaped");
        String token = html.select("form[action=/journeys/welcome/pause] input[name=csrf-token]").val();
        assertTrue(!token.isEmpty(), "the pause form carries a CSRF token");

        StandInJourneyApi.CHANGES.clear();
        given().redirects().follow(false).cookie(SESSION, session).contentType("application/x-www-form-urlencoded")
                .post("/journeys/welcome/pause").then().statusCode(400);
        assertEquals(List.of(), StandInJourneyApi.CHANGES, "no token, no change");
        given().redirects().follow(false).cookie(SESSION, session).cookie("csrf-token", page.getValue())
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token)
                .post("/journeys/welcome/pause").then().statusCode(303).header("Location", endsWith("/journeys"));
        assertEquals(List.of("welcome pause"), StandInJourneyApi.CHANGES);
    }

    @Test
    void aViewerGetsNoButtonsAndAClear403IfTheyPostAnyway() {
        String session = session("victor", "viewer-pass");
        var page = journeysPage(session);
        assertTrue(page.getKey().select("form[action$=/pause]").isEmpty(), "no pause button for a viewer");
        String token = page.getKey().select("form.signout input[name=csrf-token]").val();
        StandInJourneyApi.CHANGES.clear();
        given().cookie(SESSION, session).cookie("csrf-token", page.getValue())
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token)
                .post("/journeys/welcome/pause").then().statusCode(403)
                .body(containsString("needs the marketer role"), not(containsString("at io.")));
        assertEquals(List.of(), StandInJourneyApi.CHANGES);
    }

    @Test
    void aJourneyPageDrawsTheGraphAndAnApiErrorIsShownAsItsMessage() {
        String session = session("victor", "viewer-pass");
        Document html = Jsoup.parse(given().cookie(SESSION, session).get("/journeys/welcome").then().statusCode(200)
                .extract().asString());
        assertTrue(html.select("svg.journey-graph g.step.send").text().contains("reached 7 · sent 6 · delivered 5"),
                html.select("svg").outerHtml());
        assertTrue(html.select("pre.yaml").text().contains("journey: welcome"));
        given().cookie(SESSION, session).get("/journeys/welcome?version=2").then().statusCode(404)
                .body(containsString("journey &#39;welcome&#39; has no version 2"), not(containsString("Exception")));
    }
}

package io.drip.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium) against journey-service as a
 * process on the real broker and PostgreSQL: a marketer signs in, reads the journeys, opens one
 * as a graph with its YAML, pauses and resumes it; a viewer who posts a pause anyway is refused.
 */
class ConsoleBrowserTest {
    private static final int JOURNEY_PORT = 18791;
    private static final int CONSOLE_PORT = 18795;
    private static final String CONSOLE = "http://127.0.0.1:" + CONSOLE_PORT;
    private static final String API_KEY = "e2e-console-" + UUID.randomUUID();
    private static final String JOURNEY = "console-" + UUID.randomUUID().toString().substring(0, 8);
    // test-only passwords; the hashes are bcrypt (cost 4) of e2e-marketer-pass and e2e-viewer-pass
    private static final String USERS = "mara:marketer+viewer:$2a$04$mYaCI3tFXP0DW6QCCFCije0GNKYNC/NQvzONH0stCNgMzFVIeii9i,"
            + "victor:viewer:$2a$04$a8EphKOoEIlAnrrSjm2MMuUEap4z//QfEHbXeVDRHWglKUOuBUCTK";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final List<ServiceProcess> services = new ArrayList<>();

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void startJourneyServiceAndTheConsole() throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        Path journeys = Files.createTempDirectory("drip-console-journeys");
        Files.writeString(journeys.resolve(JOURNEY + ".yaml"), """
                journey: %s
                name: Console walk-through
                trigger: {event: Console Test Started}
                steps:
                  - id: check
                    branch:
                      - when: event.properties.value >= 100
                        goto: big
                  - wait: 1d
                  - id: ask
                    wait_for: {event: Replied, within: 1h}
                    on_timeout: offer
                  - exit: replied
                  - id: big
                    send: {channel: sms, category: marketing, text: "Big cart"}
                    goto: offer
                  - id: offer
                    split: {A: {weight: 70, goto: done}, holdout: {weight: 30}}
                  - id: done
                    exit: offered
                """.formatted(JOURNEY));
        Map<String, String> journey = ServiceProcess.environment("drip_journey_e2e", JOURNEY_PORT,
                "e2e-console-" + UUID.randomUUID().toString().substring(0, 8));
        journey.put("DRIP_JOURNEYS_DIR", journeys.toString());
        journey.put("DRIP_API_KEYS", "e2e-console:marketer+viewer:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8))));
        services.add(ServiceProcess.start(repo, "journey-service", JOURNEY_PORT + 100, journey));

        Map<String, String> console = new LinkedHashMap<>();
        console.put("DRIP_HTTP_PORT", String.valueOf(CONSOLE_PORT));
        console.put("DRIP_MANAGEMENT_PORT", String.valueOf(CONSOLE_PORT + 100));
        console.put("DRIP_CONSOLE_JOURNEY_URL", "http://127.0.0.1:" + JOURNEY_PORT);
        console.put("DRIP_CONSOLE_API_KEY", API_KEY);
        console.put("DRIP_CONSOLE_USERS", USERS);
        console.put("DRIP_CONSOLE_SESSION_KEY", UUID.randomUUID() + "-" + UUID.randomUUID());
        console.put("DRIP_CONSOLE_SECURE_COOKIES", "false");
        console.put("DRIP_LOG_JSON", "false");
        services.add(ServiceProcess.start(repo, "console-service", CONSOLE_PORT + 100, console));
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopThem() {
        services.forEach(ServiceProcess::close);
    }

    @BeforeEach
    void openTheBrowser() {
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    private void signIn(String user, String password) {
        browser.get(CONSOLE + "/journeys");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("j_username")).sendKeys(user);
        browser.findElement(By.name("j_password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.signin button")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
        assertEquals(1, browser.findElements(By.cssSelector("table.journeys")).size(),
                () -> browser.findElement(By.tagName("main")).getText());
    }

    private WebElement row() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-journey='" + JOURNEY + "']")));
    }

    private void screenshot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String apiStatus() {
        return given().header("Authorization", "Bearer " + API_KEY).get("http://127.0.0.1:" + JOURNEY_PORT + "/v1/journeys")
                .then().statusCode(200).extract().jsonPath().getString("find { it.id == '" + JOURNEY + "' }.status");
    }

    @Test
    void aMarketerReadsTheJourneysOpensOneAsAGraphAndPausesAndResumesIt() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        assertEquals("active", row().findElement(By.cssSelector("td.status")).getText());
        assertEquals("0", row().findElement(By.cssSelector("td.entered")).getText());
        assertTrue(!browser.getPageSource().contains(API_KEY), "the browser never sees the API key");
        screenshot("journeys");

        row().findElement(By.linkText(JOURNEY)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.journey-graph")));
        List<String> steps = browser.findElements(By.cssSelector("svg g.step[data-step]")).stream()
                .map(step -> step.getAttribute("data-step")).toList();
        assertEquals(List.of("check", "step-2", "ask", "step-4", "big", "offer", "done"), steps);
        List<String> labels = browser.findElements(By.cssSelector("svg text.label")).stream()
                .map(WebElement::getText).toList();
        assertTrue(labels.containsAll(List.of("event.properties.value >= 100", "otherwise", "Replied", "timeout",
                "goto", "A 70%", "holdout 30% leaves")), "edge labels: " + labels);
        assertTrue(browser.findElement(By.cssSelector("g[data-step=big] text.funnel")).getText()
                .startsWith("reached 0 · sent 0"));
        assertTrue(browser.findElement(By.cssSelector("pre.yaml")).getText().contains("journey: " + JOURNEY));
        screenshot("journey");

        browser.findElement(By.linkText("Journeys")).click();
        row().findElement(By.cssSelector("button[name=pause]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-journey='" + JOURNEY + "'] td.status"), "paused"));
        assertEquals("paused", apiStatus());
        row().findElement(By.cssSelector("button[name=resume]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-journey='" + JOURNEY + "'] td.status"), "active"));
        assertEquals("active", apiStatus());
    }

    @Test
    void aViewerHasNoButtonsAndIsRefusedWhenPostingAPauseAnyway() throws Exception {
        signIn("victor", "e2e-viewer-pass");
        assertTrue(row().findElements(By.cssSelector("button[name=pause]")).isEmpty(), "no pause button for a viewer");
        // a hand-made form with the viewer's own CSRF token (from the sign-out form), as a curious viewer might post
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/journeys/' + arguments[0] + '/pause';
                form.appendChild(document.querySelector('form.signout input[type=hidden]').cloneNode());
                document.body.appendChild(form);
                form.submit();""", JOURNEY);
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.problem")));
        assertEquals("403", problem.getAttribute("data-status"));
        assertTrue(problem.getText().contains("needs the marketer role"), problem.getText());
        screenshot("viewer-refused");
        assertEquals("active", apiStatus());
    }
}

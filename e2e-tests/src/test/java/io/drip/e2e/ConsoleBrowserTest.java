package io.drip.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium) against the four services as
 * processes on the real broker and PostgreSQL. Shoppers come in through contact-service and get
 * their variant's SMS from dispatch's sandbox; then, as people would: a marketer reads the
 * journeys, a graph, pauses and resumes, reads the A/B test (its figures those of the stats API)
 * and the deliveries (those of the report API), fixes the error the editor shows at its line,
 * simulates and publishes; ops finds a shopper by number and reads its messages; a viewer sees
 * the number masked, has no buttons, and is refused when it posts a change anyway. Each page is
 * saved as a screenshot under target/screenshots.
 */
class ConsoleBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CONTACT_PORT = 18792;
    private static final int JOURNEY_PORT = 18791;
    private static final int DISPATCH_PORT = 18793;
    private static final int TRACKING_PORT = 18794;
    private static final int CONSOLE_PORT = 18795;
    private static final String CONSOLE = "http://127.0.0.1:" + CONSOLE_PORT;
    private static final String API_KEY = "e2e-console-" + UUID.randomUUID();
    private static final String WRITE_KEY = "e2e-console-write-" + UUID.randomUUID();
    private static final String RUN = "console-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String JOURNEY = RUN;
    private static final String AB = RUN + "-ab";
    /** The journey the editor test changes (the others stay as the graph test reads them). */
    private static final String EDITED = RUN + "-edited";
    /** The contacts of the A/B journey; the first ones order, so that conversions show. */
    private static final int SHOPPERS = 8;
    private static final int BUYERS = 3;
    private static final List<String> PHONES = new ArrayList<>();
    /** The minute (UTC) before the shoppers came in, as a date-time field takes it. */
    private static final String BEFORE = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES)
            .toString();
    // test-only passwords; the hashes are bcrypt of e2e-marketer-pass, e2e-viewer-pass and e2e-ops-pass
    private static final String USERS = "mara:marketer+viewer:$2a$04$mYaCI3tFXP0DW6QCCFCije0GNKYNC/NQvzONH0stCNgMzFVIeii9i,"
            + "victor:viewer:$2a$04$a8EphKOoEIlAnrrSjm2MMuUEap4z//QfEHbXeVDRHWglKUOuBUCTK,"
            + "olga:ops+viewer:$2a$10$gOniyuWCTxXFCAGAByL0pecPu1V8cvesmvs63XAyNwwBRyWWZI7py";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Map<String, Integer> PORTS = Map.of("contact-service", CONTACT_PORT,
            "journey-service", JOURNEY_PORT, "dispatch-service", DISPATCH_PORT, "tracking-service", TRACKING_PORT);
    private static final List<ServiceProcess> services = new ArrayList<>();

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void startTheServicesAndTheConsole() throws Exception {
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
        Files.writeString(journeys.resolve(AB + ".yaml"), """
                journey: %s
                name: Console A/B
                trigger: {event: Console AB Started}
                goal: {event: Console AB Ordered, within: 1d}
                steps:
                  - id: offer
                    split: {A: {weight: 50, goto: ten_off}, B: {weight: 50, goto: free_ship}}
                  - id: ten_off
                    send: {channel: sms, category: marketing, text: "Ten percent off today"}
                    goto: later
                  - id: free_ship
                    send: {channel: sms, category: marketing, text: "Free shipping today"}
                  - id: later
                    wait: 1d
                """.formatted(AB));
        Files.writeString(journeys.resolve(EDITED + ".yaml"), """
                journey: %s
                name: Console editor
                trigger: {event: Console Editor Started}
                steps:
                  - wait: 1d
                """.formatted(EDITED));
        ServiceGroups.startAtEnd(RUN);
        for (String service : List.of("contact-service", "journey-service", "dispatch-service", "tracking-service")) {
            int port = PORTS.get(service);
            Map<String, String> env = ServiceProcess.environment("drip_" + service.replace("-service", "") + "_e2e",
                    port, RUN + "-" + service);
            env.put("DRIP_API_KEYS", "e2e-console:marketer+viewer+ops:" + sha256(API_KEY));
            env.put("DRIP_WRITE_KEYS", "e2e-shop:" + sha256(WRITE_KEY));
            env.put("DRIP_JOURNEYS_DIR", journeys.toString());
            env.put("DRIP_TRACKING_BASE_URL", "http://127.0.0.1:" + TRACKING_PORT);
            // the run must not depend on the hour: no quiet hours
            env.put("DRIP_SEND_WINDOW_FROM", "00:00");
            env.put("DRIP_SEND_WINDOW_TO", "00:00");
            env.put("DRIP_SANDBOX_INBOX_PAGE", "true");
            // contact-service applies an import in chunks of 5 rows: the import's page has progress to follow
            env.put("DRIP_IMPORT_CHUNK_SIZE", "5");
            services.add(ServiceProcess.start(repo, service, port + 100, env));
        }

        Map<String, String> console = new LinkedHashMap<>();
        console.put("DRIP_HTTP_PORT", String.valueOf(CONSOLE_PORT));
        console.put("DRIP_MANAGEMENT_PORT", String.valueOf(CONSOLE_PORT + 100));
        console.put("DRIP_CONSOLE_JOURNEY_URL", "http://127.0.0.1:" + JOURNEY_PORT);
        console.put("DRIP_CONSOLE_CONTACT_URL", "http://127.0.0.1:" + CONTACT_PORT);
        console.put("DRIP_CONSOLE_DISPATCH_URL", "http://127.0.0.1:" + DISPATCH_PORT);
        console.put("DRIP_CONSOLE_TRACKING_URL", "http://127.0.0.1:" + TRACKING_PORT);
        console.put("DRIP_CONSOLE_SANDBOX_INBOX", "http://127.0.0.1:" + DISPATCH_PORT + "/sandbox/inbox");
        console.put("DRIP_CONSOLE_API_KEY", API_KEY);
        console.put("DRIP_CONSOLE_USERS", USERS);
        console.put("DRIP_CONSOLE_SESSION_KEY", UUID.randomUUID() + "-" + UUID.randomUUID());
        console.put("DRIP_CONSOLE_SECURE_COOKIES", "false");
        console.put("DRIP_LOG_JSON", "false");
        services.add(ServiceProcess.start(repo, "console-service", CONSOLE_PORT + 100, console));
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        Files.createDirectories(SCREENSHOTS);
        shoppersEnterTheAbTestAndSomeOrder();
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Shoppers come in through contact-service as a shop's backend sends them; each gets its variant's SMS. */
    private static void shoppersEnterTheAbTestAndSomeOrder() {
        for (int i = 0; i < SHOPPERS; i++) {
            // Dutch mobiles: no country rule (such as France's Sundays) makes the test depend on the day
            String phone = "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
            PHONES.add(phone);
            shop("/v1/identify", """
                    {"userId":"%s","traits":{"phone":"%s","first_name":"Ada","timezone":"Europe/Amsterdam"}}"""
                    .formatted(shopper(i), phone));
            shop("/v1/track", "{\"userId\":\"%s\",\"event\":\"Console AB Started\"}".formatted(shopper(i)));
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(SHOPPERS,
                abStats().getList("steps.sent", Long.class).stream().mapToLong(Long::longValue).sum(), "every shopper's SMS was sent"));
        for (int i = 0; i < BUYERS; i++) {
            shop("/v1/track", "{\"userId\":\"%s\",\"event\":\"Console AB Ordered\"}".formatted(shopper(i)));
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(BUYERS, abStats().getLong("converted")));
    }

    private static String shopper(int i) {
        return RUN + "-shopper-" + i;
    }

    private static void shop(String path, String body) {
        given().baseUri("http://127.0.0.1:" + CONTACT_PORT).auth().preemptive().basic(WRITE_KEY, "")
                .contentType(ContentType.JSON).body(body).post(path).then().statusCode(200);
    }

    private static JsonPath abStats() {
        return given().header("Authorization", "Bearer " + API_KEY)
                .get("http://127.0.0.1:" + JOURNEY_PORT + "/v1/journeys/" + AB + "/stats")
                .then().statusCode(200).extract().jsonPath();
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

    @Test
    void aMarketerReadsTheAbTestWithTheFiguresOfTheStatsApi() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.get(CONSOLE + "/journeys/" + AB);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.journey-graph")));
        assertTrue(browser.findElement(By.cssSelector("svg a.split-link")).getDomAttribute("href")
                .endsWith("/journeys/" + AB + "/splits/offer?version=1"), "the split's box links to its A/B page");
        browser.findElement(By.cssSelector("nav.splits a.split")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.split")));

        JsonPath api = abStats();
        List<String> variants = api.getList("splits.offer.variants.variant", String.class);
        assertEquals(List.of("A", "B"), variants);
        long runs = 0;
        for (String variant : variants) {
            String figures = "splits.offer.variants.find { it.variant == '" + variant + "' }.";
            WebElement row = browser.findElement(By.cssSelector("table.split tr[data-variant='" + variant + "']"));
            assertEquals(api.getString(figures + "runs"), row.findElement(By.cssSelector("td.runs")).getText());
            assertEquals(api.getString(figures + "clicked"), row.findElement(By.cssSelector("td.clicked")).getText());
            assertEquals(api.getString(figures + "converted"), row.findElement(By.cssSelector("td.converted")).getText());
            assertEquals(percent(api.getDouble(figures + "conversionRate.rate")),
                    row.findElement(By.cssSelector("td.conversion-rate")).getText());
            assertEquals(percent(api.getDouble(figures + "conversionRate.low")) + " – "
                    + percent(api.getDouble(figures + "conversionRate.high")),
                    row.findElement(By.cssSelector("td.conversion-interval")).getText());
            Number p = api.get(figures + "conversions.pValue");
            String shownP = row.findElement(By.cssSelector("td.conversion-p")).getText();
            if (variant.equals(api.getString("splits.offer.conversionBaseline")) || p == null) {
                assertEquals("—", shownP);
            } else {
                assertEquals(p.doubleValue(), Double.parseDouble(shownP.replace("< ", "")), 0.0015, "p-value of " + variant);
            }
            runs += api.getLong(figures + "runs");
        }
        assertEquals(SHOPPERS, runs, "every shopper entered the split");
        String winner = api.getString("splits.offer.winner");
        String shownWinner = browser.findElement(By.cssSelector("p.winner")).getAttribute("data-winner");
        assertEquals(winner, shownWinner, "the winner, or none while no variant is beyond chance better");
        // ECharts, served from the console's jar, draws the bars with their error bars
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#conversion-chart svg path")));
        assertEquals(1, browser.findElements(By.cssSelector("#click-chart svg")).size());

        // the rates over time, as journey-service's over-time API gives them, in a table and as lines
        String to = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES).toString();
        showRange(BEFORE, to, "minute");
        wait.until(ExpectedConditions.urlContains("every=minute"));
        JsonPath series = given().header("Authorization", "Bearer " + API_KEY).queryParam("from", BEFORE + ":00Z")
                .queryParam("to", to + ":00Z").queryParam("every", "minute")
                .get("http://127.0.0.1:" + JOURNEY_PORT + "/v1/journeys/" + AB + "/splits/offer/over-time")
                .then().statusCode(200).extract().jsonPath();
        List<WebElement> points = browser.findElements(By.cssSelector("table.over-time tbody tr[data-at]"));
        assertEquals(series.getList("points").size(), points.size());
        assertEquals(SHOPPERS, points.stream().mapToLong(p -> Long.parseLong(p.findElement(By.cssSelector("td.runs"))
                .getText())).sum(), "every shopper entered in the range");
        assertEquals(series.getList("points.variant", String.class), points.stream()
                .map(p -> p.getAttribute("data-series")).toList());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#conversion-over-time svg path")));
        screenshot("ab-test");

        // a range after the shoppers came in: no runs, no rates
        String tomorrow = LocalDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
        showRange(tomorrow, "", "");
        wait.until(ExpectedConditions.urlContains("from=" + tomorrow.replace(":", "%3A")));
        assertEquals(List.of("0", "0"), texts("table.split td.runs"));
        assertEquals("No runs in this range.", browser.findElement(By.cssSelector("table.over-time tbody td")).getText());
    }

    @Test
    void aMarketerReadsAJourneysFunnelOverATimeRange() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.get(CONSOLE + "/journeys/" + AB);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.journey-graph")));
        assertTrue(funnel("offer").startsWith("reached " + SHOPPERS), funnel("offer"));

        String tomorrow = LocalDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
        showRange(tomorrow, "", "");
        wait.until(ExpectedConditions.urlContains("from="));
        assertTrue(browser.findElement(By.cssSelector("p.totals")).getText().contains("0 runs entered"),
                browser.findElement(By.cssSelector("p.totals")).getText());
        assertEquals("reached 0", funnel("offer"));

        String to = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES).toString();
        showRange(BEFORE, to, "");
        wait.until(ExpectedConditions.urlContains("to=" + to.replace(":", "%3A")));
        JsonPath api = given().header("Authorization", "Bearer " + API_KEY).queryParam("from", BEFORE + ":00Z")
                .queryParam("to", to + ":00Z").get("http://127.0.0.1:" + JOURNEY_PORT + "/v1/journeys/" + AB + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(SHOPPERS, api.getInt("entered"));
        assertTrue(browser.findElement(By.cssSelector("p.totals")).getText().contains(SHOPPERS + " runs entered"));
        assertEquals("reached " + api.getInt("reached.offer"), funnel("offer"));
        assertTrue(browser.findElement(By.cssSelector("nav.splits a.split")).getDomAttribute("href")
                .contains("from=" + BEFORE.replace(":", "%3A")), "the A/B page keeps the range");
        screenshot("journey-range");
    }

    private String funnel(String step) {
        return browser.findElement(By.cssSelector("g[data-step=" + step + "] text.funnel")).getText();
    }

    /** Fills the page's range form (date-time fields, as pasted), shows it and waits for the new page. */
    private void showRange(String from, String to, String every) {
        WebElement page = browser.findElement(By.tagName("main"));
        replace(browser.findElement(By.cssSelector("form.range input[name=from]")), from);
        replace(browser.findElement(By.cssSelector("form.range input[name=to]")), to);
        new Select(browser.findElement(By.cssSelector("form.range select[name=every]"))).selectByValue(every);
        browser.findElement(By.cssSelector("form.range button")).click();
        // while the old page is torn down, chromedriver can fail the check with "Node with given id
        // does not belong to the document" instead of a stale element: the page is going, look again
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }

    @Test
    void aMarketerReadsTheDeliveriesOfTheAbTestAsTheReportApiCountsThem() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.findElement(By.linkText("Deliveries")).click();
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.name("journey")))).selectByValue(AB);
        browser.findElement(By.cssSelector("form.range button")).click();
        wait.until(ExpectedConditions.urlContains("journey=" + AB));

        JsonPath report = given().header("Authorization", "Bearer " + API_KEY).queryParam("journey", AB)
                .get("http://127.0.0.1:" + DISPATCH_PORT + "/v1/reports/deliveries").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(SHOPPERS, report.getInt("messages"));
        assertEquals(String.valueOf(SHOPPERS), browser.findElement(By.cssSelector("table.totals td.messages")).getText());
        Map<String, Integer> byCountry = report.getMap("counts.byCountry", String.class, Integer.class);
        assertTrue(!byCountry.isEmpty(), "the report knows the numbers' country");
        byCountry.forEach((country, count) -> assertEquals(String.valueOf(count), browser.findElement(By.cssSelector(
                "table[data-dimension=byCountry] tr[data-key='" + country + "'] td.count")).getText(), country));
        long byStatus = browser.findElements(By.cssSelector("table[data-dimension=byStatus] td.count")).stream()
                .mapToLong(count -> Long.parseLong(count.getText())).sum();
        assertEquals(SHOPPERS, byStatus, "every message is in one status");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.chart[data-dimension=byStatus] svg")));

        // by status over time and the time from sent to delivered, as the report counts them
        List<Map<String, Object>> overTime = report.getList("overTime");
        assertEquals(overTime.size(), browser.findElements(By.cssSelector("table#status-over-time tr[data-bucket]")).size());
        assertEquals(SHOPPERS, browser.findElements(By.cssSelector("table#status-over-time td.count")).stream()
                .mapToLong(count -> Long.parseLong(count.getText())).sum(), "every message in one bucket and status");
        List<String> distribution = browser.findElements(By.cssSelector(
                "table[data-dimension=timesToDelivered] td.count")).stream().map(WebElement::getText).toList();
        assertEquals(report.getList("timesToDelivered.messages").stream().map(String::valueOf).toList(), distribution);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status-chart svg path")));
        screenshot("deliveries");
    }

    @Test
    void opsFindsAContactByNumberAndReadsWhyItGotItsMessage() throws Exception {
        signIn("olga", "e2e-ops-pass");
        browser.findElement(By.linkText("Contacts")).click();
        browser.findElement(By.name("q")).sendKeys(PHONES.get(0));
        browser.findElement(By.cssSelector("form.find button")).click();
        wait.until(ExpectedConditions.urlContains("/contacts/" + shopper(0)));
        assertEquals(PHONES.get(0), browser.findElement(By.cssSelector("table.profile td.phone")).getText(),
                "ops sees the number");
        assertEquals("Ada", browser.findElement(By.cssSelector("tr[data-trait=first_name] td")).getText());

        List<String> messageIds = given().header("Authorization", "Bearer " + API_KEY).queryParam("contact", shopper(0))
                .get("http://127.0.0.1:" + DISPATCH_PORT + "/v1/messages").then().statusCode(200).extract()
                .jsonPath().getList("messageId", String.class);
        assertEquals(1, messageIds.size());
        WebElement message = browser.findElement(By.cssSelector("div.message[data-message='" + messageIds.get(0) + "']"));
        assertEquals(PHONES.get(0), message.findElement(By.cssSelector("td.to")).getText());
        assertTrue(message.findElement(By.cssSelector("td.text")).getText().contains("today"), "ops reads the text");
        assertTrue(message.findElements(By.cssSelector("table.status-history td.status")).stream()
                .map(WebElement::getText).toList().contains("sent"), "the message's status history");

        WebElement run = browser.findElement(By.cssSelector("div.run[data-journey='" + AB + "']"));
        List<String> what = run.findElements(By.cssSelector("td.what")).stream().map(WebElement::getText).toList();
        assertTrue(what.containsAll(List.of("entered", "sent", "converted")), "why the shopper got the SMS: " + what);
        screenshot("contact-ops");

        // the sandbox is on: its inbox is one click away
        browser.findElement(By.cssSelector("header nav a.sandbox")).click();
        wait.until(ExpectedConditions.urlContains(":" + DISPATCH_PORT + "/sandbox/inbox"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), PHONES.get(0)));
        screenshot("sandbox-inbox");
    }

    @Test
    void aMarketerImportsContactsFromACsvFileAndFollowsItsProgress() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.findElement(By.linkText("Contacts")).click();
        browser.findElement(By.cssSelector("a.import")).click();
        StringBuilder rows = new StringBuilder("id,phone,first_name,timezone\n");
        for (int i = 0; i < 30; i++) {
            rows.append(RUN).append("-imported-").append(i).append(",+316").append(20_000_000 + i).append(",Imported,\n");
        }
        rows.append(RUN).append("-imported-bad,+31629999999,Bad,Mars/Base\n");
        Path csv = Files.createTempFile("drip-console-import", ".csv");
        Files.writeString(csv, rows);
        browser.findElement(By.cssSelector("form.import input[type=file]")).sendKeys(csv.toString());
        browser.findElement(By.cssSelector("form.import button")).click();
        wait.until(ExpectedConditions.urlContains("/imports/"));
        // the page follows the import every second until contact-service says it is done
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("p.status[data-status=done]")));
        assertEquals("31", browser.findElement(By.cssSelector("span.rows")).getText());
        assertEquals("31", browser.findElement(By.cssSelector("span.expected")).getText());
        assertEquals("100", browser.findElement(By.cssSelector("progress.import")).getAttribute("value"));
        assertEquals("30", browser.findElement(By.cssSelector("td.created")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("td.failed")).getText());
        WebElement error = browser.findElement(By.cssSelector("table.import-errors tr[data-line='32']"));
        assertEquals("timezone", error.findElement(By.cssSelector("td.field")).getText());
        assertTrue(error.findElement(By.cssSelector("td.message")).getText().contains("Mars/Base"));
        screenshot("import");

        browser.get(CONSOLE + "/contacts?q=" + RUN + "-imported-7");
        wait.until(ExpectedConditions.urlContains("/contacts/" + RUN + "-imported-7"));
        assertEquals("Imported", browser.findElement(By.cssSelector("tr[data-trait=first_name] td")).getText());
    }

    @Test
    void aViewerSeesTheContactWithItsNumberMaskedAndNoText() throws Exception {
        signIn("victor", "e2e-viewer-pass");
        browser.get(CONSOLE + "/contacts?q=" + java.net.URLEncoder.encode(PHONES.get(1), StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.urlContains("/contacts/" + shopper(1)));
        String phone = PHONES.get(1);
        String masked = "+31 6•• •• •• " + phone.substring(phone.length() - 2);
        assertEquals(masked, browser.findElement(By.cssSelector("table.profile td.phone")).getText());
        browser.findElements(By.cssSelector("tr[data-trait=phone] td"))
                .forEach(trait -> assertEquals(masked, trait.getText(), "the number as a trait"));
        assertEquals("hidden", browser.findElement(By.cssSelector("div.message td.text")).getText());
        assertEquals(masked, browser.findElement(By.cssSelector("div.message td.to")).getText());
        String page = browser.getPageSource();
        assertTrue(!page.contains(phone.substring(1)) && !page.contains("today"), "no number and no text for a viewer");
        screenshot("contact-viewer");
    }

    @Test
    void aMarketerIsShownTheErrorAtItsLineThenPublishesANewVersion() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.get(CONSOLE + "/journeys/" + EDITED);
        browser.findElement(By.cssSelector("a.edit")).click();
        WebElement yaml = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("yaml")));
        assertTrue(yaml.getAttribute("value").startsWith("journey: " + EDITED), "the latest version to change");

        String invalid = """
                journey: %s
                name: Console editor, with a hello
                trigger: {event: Console Editor Started}
                steps:
                  - id: hello
                    sned: {channel: sms, category: marketing, text: "Hello"}
                """.formatted(EDITED);
        typeInEditor(invalid);
        browser.findElement(By.name("publish")).click();
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.problem")));
        editor();
        // the misspelt key, where journey-service's validation points
        assertEquals("6", problem.getAttribute("data-line"), problem.getText());
        assertEquals("Line 6, column 5: unknown key 'sned' in a step", problem.getText().split(";")[0]);
        // the editor marks the line (and its gutter); the numbered copy below is for pages without JavaScript
        WebElement marked = browser.findElement(By.cssSelector("form.editor .CodeMirror .problem-line"));
        assertTrue(marked.getText().contains("sned: {channel: sms"), marked.getText());
        assertEquals(1, browser.findElements(By.cssSelector(".CodeMirror-gutter-elt .problem-marker")).size());
        assertEquals("6", browser.findElement(By.cssSelector("ol.yaml-lines li.problem-line")).getAttribute("data-line"));
        screenshot("editor-error");
        assertEquals(1, journeyVersion(EDITED), "nothing was published");

        // "Line 6, column 5" puts the cursor on the misspelt key: select its four letters and type over them
        browser.findElement(By.cssSelector("p.problem a.goto-problem")).click();
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.RIGHT, Keys.RIGHT, Keys.RIGHT, Keys.RIGHT).keyUp(Keys.SHIFT)
                .sendKeys("send").perform();
        awaitEditorText(invalid.replace("sned:", "send:"));
        browser.findElement(By.name("validate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.valid")));
        browser.findElement(By.cssSelector("details.simulation summary")).click();
        WebElement events = browser.findElement(By.name("events"));
        events.clear();
        events.sendKeys("[{\"after\": \"1h\", \"event\": \"Console Editor Started\"}]");
        browser.findElement(By.name("simulate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.timeline")));
        List<String> timeline = browser.findElements(By.cssSelector("table.timeline td.what")).stream()
                .map(WebElement::getText).toList();
        assertTrue(timeline.contains("sent"), "the simulated timeline: " + timeline);
        screenshot("editor-simulation");

        browser.findElement(By.name("publish")).click();
        wait.until(ExpectedConditions.urlContains("/journeys/" + EDITED + "?version=2"));
        assertEquals(2, journeyVersion(EDITED));
        assertEquals("2", browser.findElement(By.cssSelector("nav.versions strong")).getText());
        assertTrue(browser.findElement(By.cssSelector("pre.yaml")).getText().contains("with a hello"));
        // what version 2 changed against version 1, line by line
        List<String> added = texts("pre.diff span.added");
        List<String> removed = texts("pre.diff span.removed");
        assertTrue(added.contains("+name: Console editor, with a hello") && added.contains("+  - id: hello"), "added: " + added);
        assertEquals(List.of("-name: Console editor", "-  - wait: 1d"), removed);
        screenshot("journey-new-version");

        // version 1 has no previous version to compare with
        browser.findElement(By.cssSelector("nav.versions a")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("nav.versions strong"), "1"));
        assertTrue(browser.findElements(By.cssSelector("pre.diff")).isEmpty(), "no diff for the first version");
    }

    @Test
    void theEditorCompletesAStepsKeysFromTheJourneySchema() throws Exception {
        signIn("mara", "e2e-marketer-pass");
        browser.get(CONSOLE + "/editor");
        WebElement editor = editor();
        assertEquals("loaded", editor.getAttribute("data-schema"));
        // the sample ends with a send step: a new key of that step on the last line, then Ctrl-Space
        new Actions(browser).click(editor).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL)
                .sendKeys("    wa").keyDown(Keys.CONTROL).sendKeys(Keys.SPACE).keyUp(Keys.CONTROL).perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.CodeMirror-hints li.CodeMirror-hint")));
        // the step's keys of docs/journey.schema.json that start with "wa"
        assertEquals(List.of("wait", "wait_for"), texts("ul.CodeMirror-hints li.CodeMirror-hint"));
        screenshot("editor-completion");
        new Actions(browser).sendKeys(Keys.DOWN, Keys.ENTER).perform();
        List<String> lines = editorLines();
        assertEquals("wait_for:", lines.get(lines.size() - 1).strip(), "the chosen key, inserted: " + lines);
        assertTrue(browser.findElements(By.cssSelector("ul.CodeMirror-hints")).isEmpty(), "the list closed");

        // under send, the schema's enum: category is marketing or transactional
        new Actions(browser).sendKeys(Keys.ENTER).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT)
                .sendKeys("  - send:", Keys.ENTER).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT)
                .sendKeys("      category: t").keyDown(Keys.CONTROL).sendKeys(Keys.SPACE)
                .keyUp(Keys.CONTROL).perform();
        // a single match is not inserted at once: the list shows it
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.CodeMirror-hints li.CodeMirror-hint")));
        assertEquals(List.of("transactional"), texts("ul.CodeMirror-hints li.CodeMirror-hint"));
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        lines = editorLines();
        assertEquals("category: transactional", lines.get(lines.size() - 1).strip(), "the enum value: " + lines);
    }

    @Test
    void aViewerHasNoPublishButtonAndIsRefusedWhenPublishingAnyway() throws Exception {
        signIn("victor", "e2e-viewer-pass");
        browser.get(CONSOLE + "/editor");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("yaml")));
        assertTrue(browser.findElements(By.name("publish")).isEmpty(), "no publish button for a viewer");
        String id = RUN + "-by-a-viewer";
        typeInEditor("journey: %s\ntrigger: {event: X}\nsteps:\n  - wait: 1d\n".formatted(id));
        // the viewer's own form (with its CSRF token), posted to the publish action by hand
        browser.executeScript("const form = document.querySelector('form.editor'); form.action = '/editor/publish'; form.submit();");
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.problem")));
        assertEquals("403", problem.getAttribute("data-status"));
        assertTrue(problem.getText().contains("needs the marketer role"), problem.getText());
        assertEquals(404, given().header("Authorization", "Bearer " + API_KEY).get("http://127.0.0.1:" + JOURNEY_PORT
                + "/v1/journeys/" + id + "/versions/1").statusCode(), "nothing was published");
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /**
     * Types the YAML into the editor (CodeMirror) as a person would: a click into it, Ctrl-A to
     * select what is there, then the lines. Enter keeps the indentation of the line above, so
     * after each Enter, Shift-Home selects that indentation and the typed line's own replaces it.
     */
    private void typeInEditor(String yaml) {
        Actions keys = new Actions(browser).click(editor()).click(browser.findElement(By.cssSelector(".CodeMirror-line")))
                .keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(Keys.DELETE);
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                keys.sendKeys(Keys.ENTER).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT);
            }
            keys.sendKeys(lines[i]);
        }
        keys.perform();
        awaitEditorText(yaml);
    }

    private void awaitEditorText(String yaml) {
        new WebDriverWait(browser, Duration.ofSeconds(5)).withMessage(() -> "the editor shows " + editorLines())
                .until(page -> String.join("\n", editorLines()).strip().equals(yaml.strip()));
    }

    /** The editor once its page has loaded: CodeMirror over the text area, the schema read. */
    private WebElement editor() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.editor .CodeMirror[data-schema]")));
    }

    private void replace(WebElement field, String text) {
        // a date-time field takes its value as pasted (typing follows the browser's locale)
        browser.executeScript("arguments[0].value = arguments[1];", field, text);
    }

    /** The editor's lines as it shows them (it renders every line: viewportMargin is Infinity). */
    private List<String> editorLines() {
        return texts("form.editor .CodeMirror-code pre.CodeMirror-line");
    }

    private static int journeyVersion(String journey) {
        return given().header("Authorization", "Bearer " + API_KEY).get("http://127.0.0.1:" + JOURNEY_PORT + "/v1/journeys")
                .then().statusCode(200).extract().jsonPath().getInt("find { it.id == '" + journey + "' }.version");
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
    }
}

package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.demo.DemoStore;
import io.drip.demo.Endpoints;
import io.drip.demo.Http;
import io.drip.demo.report.JourneyFigures;
import io.drip.demo.report.JourneyReport;
import io.drip.demo.report.ReportData;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo's report agrees with the services: the demo store plays a few dozen shoppers against
 * the four services (processes from their jars, on fresh databases, with the demo's time
 * compression), then every figure the report shows is checked against queries of the services'
 * own databases, made here independently of the APIs the report reads.
 */
class DemoReportTest {
    private static final String WRITE_KEY = "demo-write-" + UUID.randomUUID();
    private static final String ADMIN_KEY = "demo-admin-" + UUID.randomUUID();
    private static final String RUN = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> SERVICES = List.of("contact", "journey", "dispatch", "tracking");
    private static final Map<String, List<String>> TOPICS = Map.of(
            "contact", List.of("events:drip.events.v1", "inbound:drip.inbound.v1"),
            "journey", List.of("events:drip.events.v1", "contacts:drip.contacts.v1", "deliveries:drip.deliveries.v1",
                    "clicks:drip.clicks.v1", "inbound:drip.inbound.v1"),
            "dispatch", List.of("sends:drip.sends.v1", "contacts:drip.contacts.v1"),
            "tracking", List.of("sends:drip.sends.v1", "deliveries:drip.deliveries.v1"));
    private static final int SHOPPERS = 40;
    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private static int port(String service) {
        return 28081 + SERVICES.indexOf(service);
    }

    private static String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    private static String database(String service) {
        return "drip_" + service + "_demo_e2e";
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "drip", "drip");
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeAll
    static void startTheSystemOnFreshDatabases() throws Exception {
        try (Connection db = connect("postgres")) {
            for (String service : SERVICES) {
                db.createStatement().execute("drop database if exists " + database(service) + " with (force)");
                db.createStatement().execute("create database " + database(service));
            }
        }
        Map<String, String> groups = new LinkedHashMap<>();
        TOPICS.forEach((service, channels) -> channels.forEach(channel -> {
            String[] parts = channel.split(":");
            groups.put(RUN + "-" + service + "." + parts[0], parts[1]);
        }));
        ConsumerGroups.startAtEnd(groups);
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        for (String service : SERVICES) {
            Map<String, String> env = ServiceProcess.environment(database(service), port(service), RUN + "-" + service);
            env.put("DRIP_API_KEYS", "demo-admin:marketer+ops+viewer:" + sha256(ADMIN_KEY));
            env.put("DRIP_WRITE_KEYS", "demo-shop:" + sha256(WRITE_KEY));
            env.put("DRIP_JOURNEYS_DIR", repo.resolve("deploy/journeys").toString());
            env.put("DRIP_SEGMENTS_FILE", repo.resolve("deploy/segments/segments.yaml").toString());
            env.put("DRIP_TRACKING_BASE_URL", url("tracking"));
            // as deploy/local/demo runs them
            env.put("DRIP_TIME_COMPRESSION", "17280");
            env.put("DRIP_CAP_PER_DAY", "6");
            env.put("DRIP_CAP_PER_30_DAYS", "10");
            env.put("DRIP_CAP_MIN_GAP", "PT2S");
            services.put(service, ServiceProcess.start(repo, service + "-service", port(service) + 100, env));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopTheSystem() {
        services.values().forEach(ServiceProcess::close);
    }

    @Test
    void everyFigureOfTheReportIsWhatTheServicesHold() {
        int exit = new CommandLine(new DemoStore()).execute("shop", "--shoppers", String.valueOf(SHOPPERS), "--seed", "7",
                "--run", RUN, "--duration", "PT75S", "--signups-per-second", "5", "--click-rate", "0.5",
                "--opt-out-rate", "0.1", "--contact-url", url("contact"), "--journey-url", url("journey"),
                "--dispatch-url", url("dispatch"), "--tracking-url", url("tracking"), "--admin-key", ADMIN_KEY,
                "--write-key", WRITE_KEY, "--kafka", TopicProbe.bootstrapServers());
        assertEquals(0, exit, "the demo store met errors (see its output)");

        Endpoints endpoints = new Endpoints();
        endpoints.contact = url("contact");
        endpoints.journey = url("journey");
        endpoints.dispatch = url("dispatch");
        endpoints.tracking = url("tracking");
        endpoints.adminKey = ADMIN_KEY;
        // the services settle (receipts, clicks, timers in flight); then report and databases must agree
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<JourneyFigures> report = JourneyReport.figures(ReportData.fetch(new Http(), endpoints));
            for (JourneyFigures journey : report) {
                assertJourneyAgrees(journey);
                for (JourneyFigures.Step step : journey.steps()) {
                    assertStepAgrees(journey.id(), step);
                }
            }
            JourneyFigures welcome = report.stream().filter(j -> j.id().equals("welcome")).findFirst().orElseThrow();
            assertEquals(SHOPPERS, welcome.entered(), "every shopper signed up");
            assertTrue(report.stream().flatMap(j -> j.steps().stream()).mapToLong(JourneyFigures.Step::clicked).sum() > 0,
                    "people tapped links");
            assertTrue(report.stream().flatMap(j -> j.steps().stream()).mapToLong(JourneyFigures.Step::bots).sum() > 0,
                    "preview bots fetched links");
            assertTrue(report.stream().anyMatch(j -> !j.abTests().isEmpty()), "the abandoned checkout's A/B test ran");
            assertVipRoundPlayed(report.stream().filter(j -> j.id().equals("vip-rounds")).findFirst().orElseThrow());
        });
    }

    /**
     * The marketer started the VIP round a third into the run: those who had ordered by then (the
     * sample `vip` segment) entered it and got round one; round two went only to who clicked it.
     */
    private static void assertVipRoundPlayed(JourneyFigures vip) throws Exception {
        JourneyFigures.Round round = vip.rounds().stream().filter(JourneyFigures.Round::manual).findFirst().orElseThrow();
        assertEquals("done", round.status());
        assertTrue(round.entered() > 0, "shoppers who had ordered entered the round: " + round);
        assertEquals(round.entered(), vip.entered(), "every run of vip-rounds came from the round");
        try (Connection db = connect(database("journey"))) {
            assertEquals(Map.of(), counts(db, """
                    select 'round two to a run that did not click round one', count(*) from message two
                    where two.journey_id = 'vip-rounds' and two.step_id = 'round-two' and not exists (
                      select 1 from message one where one.run_id = two.run_id and one.step_id = 'round-one'
                        and one.first_click_at is not null)
                    having count(*) > 0"""));
        }
        try (Connection contacts = connect(database("contact"))) {
            long members = counts(contacts, "select 'n', count(*) from segment_membership where segment_id = 'vip'").get("n");
            // a round reaches its members when it started (audienceSize) and those who joined while it paged
            assertTrue(round.entered() <= round.reached() && round.audienceSize() <= members && round.reached() <= members,
                    "the round reached the segment's members (more have ordered since): " + round + ", "
                            + members + " members now");
        }
    }

    private static void assertJourneyAgrees(JourneyFigures journey) throws Exception {
        try (Connection db = connect(database("journey"))) {
            Map<String, Long> runs = counts(db, """
                    select 'entered', count(*) from journey_run where journey_id = ?
                    union all select status, count(*) from journey_run where journey_id = ? group by status
                    union all select 'converted', count(converted_at) from journey_run where journey_id = ?""",
                    journey.id(), journey.id(), journey.id());
            assertEquals(runs.getOrDefault("entered", 0L), journey.entered(), journey.id() + " entered");
            assertEquals(runs.getOrDefault("active", 0L), journey.active(), journey.id() + " active");
            assertEquals(runs.getOrDefault("completed", 0L), journey.completed(), journey.id() + " completed");
            assertEquals(runs.getOrDefault("exited", 0L), journey.exited(), journey.id() + " exited");
            assertEquals(runs.getOrDefault("converted", 0L), journey.converted(), journey.id() + " converted");
            for (var wait : journey.answers().entrySet()) {
                assertEquals(counts(db, """
                        select p.led_to, count(*) from run_reply p join journey_run r on r.id = p.run_id
                        where r.journey_id = ? and p.step_id = ? group by p.led_to""", journey.id(), wait.getKey()),
                        new TreeMap<>(wait.getValue()), journey.id() + " answers at " + wait.getKey());
            }
            for (JourneyFigures.AbTest test : journey.abTests()) {
                for (JourneyFigures.Variant variant : test.variants()) {
                    // a variant's runs get its message at once; the holdout's exit with reason holdout
                    long runsOfVariant = counts(db, """
                            select 'n', count(distinct r.id) from journey_run r
                            where r.journey_id = ? and (exists (select 1 from message m where m.run_id = r.id and m.variant = ?)
                              or (? = 'holdout' and r.exit_reason = 'holdout'))""",
                            journey.id(), variant.variant(), variant.variant()).getOrDefault("n", 0L);
                    assertEquals(runsOfVariant, variant.runs(), journey.id() + " A/B variant " + variant.variant() + " runs");
                }
            }
        }
    }

    private static void assertStepAgrees(String journey, JourneyFigures.Step step) throws Exception {
        String what = journey + "/" + step.step() + " ";
        try (Connection dispatch = connect(database("dispatch"))) {
            Map<String, Long> messages = counts(dispatch, """
                    select 'entered', count(*) from outgoing_message where journey_id = ? and step_id = ?
                    union all select 'sent', count(sent_at) from outgoing_message where journey_id = ? and step_id = ?
                    union all select 'status ' || status, count(*) from outgoing_message where journey_id = ? and step_id = ?
                      group by status""",
                    journey, step.step(), journey, step.step(), journey, step.step());
            assertEquals(messages.getOrDefault("entered", 0L), step.entered(), what + "entered");
            assertEquals(messages.getOrDefault("sent", 0L), step.sent(), what + "sent");
            assertEquals(messages.getOrDefault("status delivered", 0L), step.delivered(), what + "delivered");
            assertEquals(messages.getOrDefault("status pending", 0L) + messages.getOrDefault("status sending", 0L), step.queued(),
                    what + "queued");
            assertEquals(messages.getOrDefault("status failed", 0L) + messages.getOrDefault("status undelivered", 0L), step.failed(),
                    what + "failed");
            assertEquals(messages.getOrDefault("status suppressed", 0L), step.suppressed(), what + "suppressed");
            Map<String, Long> suppressedBy = counts(dispatch, """
                    select reason, count(*) from outgoing_message where journey_id = ? and step_id = ? and status = 'suppressed'
                    group by reason""", journey, step.step());
            assertEquals(suppressedBy, new TreeMap<>(step.suppressedBy()), what + "suppressed by reason");
            Map<String, Long> queuedBy = counts(dispatch, """
                    select q.reason, count(*) from outgoing_message m join lateral (
                      select reason from message_event e where e.message_id = m.message_id order by e.id desc limit 1) q on true
                    where m.journey_id = ? and m.step_id = ? and m.status = 'pending' and q.reason is not null group by q.reason""",
                    journey, step.step());
            assertEquals(queuedBy, new TreeMap<>(step.queuedBy()), what + "queued by reason");
        }
        try (Connection journeys = connect(database("journey"))) {
            assertEquals(counts(journeys, """
                    select 'replied', count(replied_at) from message where journey_id = ? and step_id = ?""",
                    journey, step.step()).get("replied"), step.replied(), what + "replied");
        }
        try (Connection tracking = connect(database("tracking"))) {
            Map<String, Long> clicks = counts(tracking, """
                    select 'clicked', count(distinct l.message_id) from click c join link l on l.code = c.code
                      where l.journey_id = ? and l.step_id = ? and not c.bot
                    union all select 'bots', count(*) from click c join link l on l.code = c.code
                      where l.journey_id = ? and l.step_id = ? and c.bot""",
                    journey, step.step(), journey, step.step());
            assertEquals(clicks.getOrDefault("clicked", 0L), step.clicked(), what + "clicked (human)");
            assertEquals(clicks.getOrDefault("bots", 0L), step.bots(), what + "bot fetches");
        }
    }

    /** The rows (key, count) of a query, as a sorted map. */
    private static Map<String, Long> counts(Connection db, String sql, String... parameters) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }
}

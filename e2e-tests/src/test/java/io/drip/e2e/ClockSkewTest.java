package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dispatch replica whose clock is 12 hours behind (Debian's libfaketime, preloaded into its
 * JVM) beside one whose clock is right: what two replicas compare, and the hour of quiet hours,
 * come from PostgreSQL's clock (docs/sending.md, "Clocks"), so the wrong clock sends nothing at
 * night and takes no call over from the other replica.
 */
class ClockSkewTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BEHIND = "-12h";

    private GatewayStandIn gateway;
    private DispatchReplicas replicas;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayStandIn.start();
        replicas = DispatchReplicas.fresh("drip_dispatch_e2e_clocks");
    }

    @AfterEach
    void stop() {
        replicas.close();
        gateway.close();
    }

    /** Settings of every replica: recovery looks for interrupted attempts often, the gateway is not idempotent. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("DRIP_WORK_SENDING_RECOVERY_POLL_INTERVAL", "PT0.5S");
        settings.put("DRIP_HTTP_PROVIDER_IDEMPOTENT", "false");
        // marketing leaves between 09:00 and 15:00 in the contact's zone
        settings.put("DRIP_SEND_WINDOW_FROM", "09:00");
        settings.put("DRIP_SEND_WINDOW_TO", "15:00");
        return settings;
    }

    /** The same, with the replica's clock {@link #BEHIND} through libfaketime. */
    private static Map<String, String> behind() throws Exception {
        Map<String, String> settings = settings();
        settings.put("LD_PRELOAD", libfaketime().toString());
        settings.put("FAKETIME", BEHIND);
        // timeouts and sleeps keep the real pace
        settings.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        // every clock read goes through the library: the first connections of a loaded machine
        // can take longer than the pool's 5 s
        settings.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "PT60S");
        return settings;
    }

    private static Path libfaketime() throws Exception {
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
            return libs.map(dir -> dir.resolve("faketime/libfaketimeMT.so.1")).filter(Files::exists).findFirst()
                    .orElseThrow(() -> new IllegalStateException("libfaketime is missing: apt-get install faketime"));
        }
    }

    /**
     * A contact in the fixed-offset zone where it is now between midnight and 1 am: quiet hours
     * by the true clock, and between noon and 1 pm (inside the window) by a clock 12 hours behind.
     */
    private static String contactAtMidnight() {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = utcHour <= 12 ? -utcHour : 24 - utcHour;
        // POSIX-style names: Etc/GMT+3 is three hours behind UTC
        String zone = offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset < 0 ? "+" : "-") + Math.abs(offset);
        String contactId = "c-" + UUID.randomUUID();
        String phone = "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, phone, "valid",
                zone, null, MessageJson.mapper().createObjectNode(), Map.of(), Instant.now())));
        return contactId;
    }

    /**
     * Both replicas send transactional messages through a slow gateway (the other replica's
     * recovery looks at the attempts the wrong clock started); then the right one stops and the
     * wrong one alone meets a marketing message at the contact's midnight.
     */
    @Test
    void aReplicaWhoseClockIsBehindTakesNoCallOverFromAnotherAndSendsNoMarketingAtNight() throws Exception {
        // each call takes 2 s: long enough for the other replica's recovery to look at it
        gateway.beforeAnswer((request, number) -> Thread.sleep(2000));
        ServiceProcess right = replicas.start(0, gateway.url("/sms"), settings());
        replicas.start(1, gateway.url("/sms"), behind());
        Set<String> messageIds = new HashSet<>();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 20; i++) {
                messageIds.add(DispatchReplicas.send(DispatchReplicas.contact(), "Your code is " + (4000 + i)));
            }
            for (String messageId : messageIds) {
                DispatchReplicas.awaitStatus(deliveries, messageId, DeliveryStatus.SENT, WAIT);
            }
            List<String> statuses = DispatchReplicas.statuses(deliveries, messageIds, Duration.ofSeconds(3)).stream()
                    .map(s -> s.status() + (s.reason() == null ? "" : "/" + s.reason())).toList();
            assertEquals(20, statuses.size(), "one status each, no recovery's: " + statuses);
            assertTrue(statuses.stream().allMatch("sent"::equals), statuses.toString());
        }
        assertEquals(20, gateway.requests().size(), "each message called once: " + gateway.requests());

        right.stop();
        String contactId = contactAtMidnight();
        SendCommand sale = new SendCommand(UUID.randomUUID().toString(), "k-" + UUID.randomUUID(), contactId, "e2e", 1,
                "sale", null, "sms", SendCommand.MARKETING, "Midnight sale", List.of(), null, null, Instant.now());
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(sale));
            DeliveryStatus first = DispatchReplicas.status(deliveries.await(
                    r -> DispatchReplicas.status(r).messageId().equals(sale.messageId()), WAIT));
            assertEquals("queued/quiet_hours", first.status() + "/" + first.reason());
            List<DeliveryStatus> all = DispatchReplicas.statuses(deliveries, Set.of(sale.messageId()), Duration.ofSeconds(3));
            assertEquals(1, all.size(), "nothing after the deferral: " + all);
        }
        assertEquals(20, gateway.requests().size(), "the gateway was not called at night");
    }
}

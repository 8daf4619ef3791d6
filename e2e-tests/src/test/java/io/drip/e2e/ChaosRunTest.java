package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chaos run (bench/chaos-run.sh, docs/reliability.md), short: two minutes of the demo
 * store's traffic through the whole system with five faults (kill -9 of contact-service, of a
 * journey replica and of a dispatch replica, a Kafka restart, PostgreSQL's connections cut),
 * then the ledger from the databases, the topics and the sandbox's log of submissions.
 */
class ChaosRunTest {
    private static final List<String> PROMISES = List.of("lost", "sent twice", "sent after STOP", "sent in quiet hours",
            "transient dead-letters");

    @Test
    void noMessageIsLostOrSentTwiceOrAfterStopOrAtNightAndNothingIsDeadLetteredThroughFiveFaults() throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        Path dir = repo.resolve("e2e-tests/target/chaos");
        Path log = repo.resolve("e2e-tests/target/chaos-run.log");
        ProcessBuilder run = new ProcessBuilder("bash", repo.resolve("bench/chaos-run.sh").toString(), "--minutes", "2",
                "--faults", "5", "--signups-per-second", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("CHAOS_DIR", dir.toString());
        run.environment().put("CHAOS_PG_PORT", "25433");
        run.environment().put("CHAOS_KAFKA_PORT", "29394");
        // the services with the quick JIT alone, as every JVM of the tests (ServiceProcess)
        run.environment().put("CHAOS_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        Process chaos = run.start();
        if (!chaos.waitFor(15, TimeUnit.MINUTES)) {
            chaos.destroy();
            throw new AssertionError("the chaos run did not end in 15 minutes; its log: " + log);
        }

        Path ledgerFile = dir.resolve("ledger.tsv");
        assertTrue(Files.exists(ledgerFile), "no ledger; the run's log: " + Files.readString(log));
        Map<String, Long> ledger = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ledgerFile)) {
            String[] cells = line.split("\t");
            ledger.put(cells[0], Long.parseLong(cells[1]));
        }
        assertEquals(5, ledger.get("faults"), ledger.toString());
        assertTrue(ledger.get("send commands issued") > 0, "traffic made journeys send: " + ledger);
        assertTrue(ledger.get("SMS submitted") > 0, "and SMS reached the sandbox: " + ledger);
        for (String promise : PROMISES) {
            assertEquals(0, ledger.get(promise), promise + ": " + ledger + "; log " + log);
        }
        assertEquals(0, chaos.exitValue(), "the run's log: " + log);
    }
}

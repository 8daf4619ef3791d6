package io.drip.tracking;

import static io.drip.tracking.Sends.ANDROID;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.withLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stops the test broker (deploy/local/kafka, on the port the tests use) while a person clicks:
 * the redirect answers at once, the click is committed with its batch's row in click_batch
 * (tracking-service's outbox for clicks, which is what survives a restart of the service too),
 * and it is published once the broker is back, and the row deleted.
 */
@QuarkusTest
class KafkaOutageTest {

    @Inject
    Pool pool;

    private static void kafka(String action) throws Exception {
        String port = TopicProbe.bootstrapServers().substring(TopicProbe.bootstrapServers().lastIndexOf(':') + 1);
        ProcessBuilder builder = new ProcessBuilder(new File("../deploy/local/kafka").getAbsolutePath(), action)
                .redirectErrorStream(true).redirectOutput(new File("target/kafka-" + action + ".log"));
        builder.environment().put("KAFKA_PORT", port);
        Process process = builder.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES) && process.exitValue() == 0, "deploy/local/kafka " + action + ": see target/kafka-" + action + ".log");
    }

    /** Unpublished click batches holding a click of this contact. */
    private long unpublishedBatches(String contactId) {
        return pool.preparedQuery("""
                        select count(*) from click_batch b where exists (select 1 from click c join link l using (code)
                          where c.click_id = any(b.click_ids) and l.contact_id = $1)""")
                .execute(Tuple.of(contactId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aClickDuringAKafkaOutageIsRedirectedAtOnceKeptAndPublishedWhenKafkaIsBack() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        String code = code();
        produce(withLink(contactId, code, "https://shop.example/", Instant.now(), false));
        awaitRegistered(code);
        try (var clicks = TopicProbe.watch(Topics.CLICKS)) {
            kafka("stop");
            try {
                long started = System.nanoTime();
                noRedirects().header("User-Agent", ANDROID).get("/" + code).then().statusCode(302);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertTrue(millis < 1000, "the redirect does not wait on Kafka: " + millis + " ms");
                Thread.sleep(2000); // the publisher tries, and must not lose the row
                assertEquals(1, unpublishedBatches(contactId), "the click waits in click_batch");
            } finally {
                kafka("start");
            }
            Click click = MessageJson.read(clicks.await(r -> contactId.equals(r.key()), Duration.ofSeconds(90)).value(),
                    Click.class);
            assertEquals(code, click.code());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedBatches(contactId) == 0);
    }
}

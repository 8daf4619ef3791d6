package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay of service-kit, with another replica beside it: only the replica holding the
 * lease publishes, and a key's records leave in the order they were written.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Test
    void onlyTheLeaseHolderPublishesAndAKeysRecordsLeaveInTheOrderWritten() throws InterruptedException {
        String key = "relay-" + UUID.randomUUID();
        List<Outbox.Entry> entries = IntStream.rangeClosed(1, 300)
                .mapToObj(n -> new Outbox.Entry(Topics.SENDS, key, Map.of("n", n))).toList();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            // another replica holds the lease
            Rows.of(pool, """
                    insert into outbox_relay_lease (id, owner, until) values (1, 'other-replica', now() + interval '1 hour')
                    on conflict (id) do update set owner = excluded.owner, until = excluded.until""");
            try {
                Thread.sleep(4_000); // this replica looks at the lease every third of drip.outbox.lease (10 s)
                pool.withTransaction(tx -> outbox.addAll(tx, entries.subList(0, 150))).await().indefinitely();
                pool.withTransaction(tx -> outbox.addAll(tx, entries.subList(150, 300))).await().indefinitely();
                assertEquals(List.of(), sends.all(r -> key.equals(r.key()), Duration.ofSeconds(3)),
                        "nothing published while another replica holds the lease");
            } finally {
                // that replica stops renewing it: this one takes over
                Rows.of(pool, "update outbox_relay_lease set until = now() - interval '1 second'");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertEquals(300, sends.all(r -> key.equals(r.key()), Duration.ofMillis(300)).size()));
            List<String> published = sends.all(r -> key.equals(r.key()), Duration.ofMillis(300)).stream().map(r -> r.value()).toList();
            assertEquals(IntStream.rangeClosed(1, 300).mapToObj(n -> "{\"n\":" + n + "}").toList(), published);
        }
    }
}

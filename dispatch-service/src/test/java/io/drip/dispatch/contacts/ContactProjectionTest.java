package io.drip.dispatch.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * service-kit's projection of drip.contacts.v1 (many snapshots per transaction) on the real broker
 * and PostgreSQL: a burst like a bulk import's, with each contact's versions, tombstones and a
 * malformed record among it, ends as the records say, in their order.
 */
@QuarkusTest
class ContactProjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BURST = 2000;

    @Inject
    Pool pool;

    @Test
    void aBurstIsStoredNewestVersionFirstWithTombstonesInOrderAndTheMalformedRecordInTheDlq() {
        String run = "projection-" + UUID.randomUUID() + "-";
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            records.add(snapshot(run + i, 1));
            if (i == BURST / 2) {
                // the same contact three times, out of version order, and a record naming another contact
                records.add(snapshot(run + "versions", 1));
                records.add(snapshot(run + "versions", 3));
                records.add(snapshot(run + "versions", 2));
                records.add(new SimpleEntry<>(run + "mismatch", MessageJson.write(contact(run + "someone-else", 1))));
                // erased, then known again: the tombstone applies between the two
                records.add(snapshot(run + "erased", 1));
                records.add(new SimpleEntry<>(run + "erased", null));
                records.add(snapshot(run + "back", 1));
                records.add(new SimpleEntry<>(run + "back", null));
                records.add(snapshot(run + "back", 2));
            }
        }
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.CONTACTS))) {
            TopicProbe.produceAll(Topics.CONTACTS, records);
            dlq.await(r -> (run + "mismatch").equals(r.key()), WAIT);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(BURST + 2L, Rows.of(pool,
                "select count(*) from contact_snapshot where id like $1", run + "%").get(0).getLong(0)));
        assertEquals(3L, version(run + "versions"), "the newest version is kept");
        assertEquals(2L, version(run + "back"), "the snapshot after the tombstone stands");
        assertTrue(Rows.of(pool, "select 1 from contact_snapshot where id = $1", run + "erased").isEmpty());
        assertTrue(Rows.of(pool, "select 1 from contact_snapshot where id = $1", run + "mismatch").isEmpty());
    }

    private long version(String contactId) {
        return Rows.of(pool, "select version from contact_snapshot where id = $1", contactId).get(0).getLong(0);
    }

    private static Map.Entry<String, String> snapshot(String contactId, long version) {
        return new SimpleEntry<>(contactId, MessageJson.write(contact(contactId, version)));
    }

    private static ContactSnapshot contact(String contactId, long version) {
        return new ContactSnapshot(contactId, version, "+3161" + String.format("%07d", Math.abs(contactId.hashCode() % 10_000_000)),
                "valid", "Europe/Amsterdam", "nl-NL", MessageJson.mapper().createObjectNode(), Map.of(), Instant.now());
    }
}

package io.drip.tracking.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.kit.retention.Pruner;
import io.drip.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Clicks older than a year, delivery times older than 30 days and processed-record ids older than
 * 30 days go; recent ones stay, and so do the links.
 */
@QuarkusTest
class RetentionTest {
    private static final Duration PASS = Duration.ofMinutes(1);

    @Inject
    Pool pool;

    @Inject
    Pruner pruner;

    @Test
    void oldClicksDeliveriesAndProcessedRecordsGoRecentOnesAndLinksStay() {
        String code = "ret-" + UUID.randomUUID();
        Rows.of(pool, """
                insert into link (code, url, destination, message_id, contact_id, created_at, expires_at)
                values ($1, 'https://shop.example/', 'https://shop.example/', $1, 'c-retention',
                  now() - interval '400 days', now() - interval '310 days')""", code);
        // more old rows than a batch: the pass deletes them batch after batch
        Rows.of(pool, """
                insert into click (click_id, code, at)
                select gen_random_uuid(), $1, now() - interval '366 days' - g * interval '1 second' from generate_series(1, 2500) g
                union all select gen_random_uuid(), $1, now() - interval '364 days'""", code);
        Rows.of(pool, """
                insert into delivery (message_id, delivered_at)
                values ($1 || '-old', now() - interval '31 days'), ($1 || '-new', now() - interval '29 days')""", code);
        Rows.of(pool, """
                insert into processed_record (id, processed_at)
                values ($1 || '-old', now() - interval '31 days'), ($1 || '-new', now() - interval '29 days')""", code);

        pruner.prune(Instant.now()).await().atMost(PASS);

        assertEquals(1L, Rows.count(pool, "select count(*) from click where code = $1", code));
        assertEquals(1L, Rows.count(pool, "select count(*) from link where code = $1", code));
        for (String table : new String[] {"delivery where message_id", "processed_record where id"}) {
            assertEquals(0L, Rows.count(pool, "select count(*) from " + table + " = $1", code + "-old"), table);
            assertEquals(1L, Rows.count(pool, "select count(*) from " + table + " = $1", code + "-new"), table);
        }
    }
}

package io.drip.dispatch.retention;

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
 * Status history older than 180 days, early receipts older than 7 days and processed-record ids
 * older than 30 days go; recent ones stay.
 */
@QuarkusTest
class RetentionTest {
    private static final Duration PASS = Duration.ofMinutes(1);

    @Inject
    Pool pool;

    @Inject
    Pruner pruner;

    @Test
    void oldStatusHistoryEarlyReceiptsAndProcessedRecordsGoRecentOnesStay() {
        String ids = "ret-" + UUID.randomUUID();
        // more old rows than a batch: the pass deletes them batch after batch
        Rows.of(pool, """
                insert into message_event (message_id, status, at)
                select $1 || '-old', 'sent', now() - interval '181 days' - g * interval '1 second' from generate_series(1, 2500) g
                union all select $1 || '-new', 'delivered', now() - interval '179 days'""", ids);
        Rows.of(pool, """
                insert into early_receipt (provider, provider_message_id, status, number_undeliverable, at)
                values ('sandbox', $1 || '-old', 'delivered', false, now() - interval '8 days'),
                       ('sandbox', $1 || '-new', 'delivered', false, now() - interval '6 days')""", ids);
        Rows.of(pool, """
                insert into processed_record (id, processed_at)
                values ($1 || '-old', now() - interval '31 days'), ($1 || '-new', now() - interval '29 days')""", ids);

        pruner.prune(Instant.now()).await().atMost(PASS);

        for (String table : new String[] {"message_event where message_id", "early_receipt where provider_message_id",
                "processed_record where id"}) {
            assertEquals(0L, Rows.count(pool, "select count(*) from " + table + " = $1", ids + "-old"), table);
            assertEquals(1L, Rows.count(pool, "select count(*) from " + table + " = $1", ids + "-new"), table);
        }
    }
}

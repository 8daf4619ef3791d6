package io.drip.journey.retention;

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

/** Run history older than a year and processed-record ids older than 30 days go; recent ones stay. */
@QuarkusTest
class RetentionTest {
    private static final Duration PASS = Duration.ofMinutes(1);

    @Inject
    Pool pool;

    @Inject
    Pruner pruner;

    @Test
    void oldRunHistoryAndProcessedRecordsGoRecentOnesStay() {
        UUID run = UUID.randomUUID();
        String ids = "ret-" + run;
        Rows.of(pool, """
                insert into journey_run (id, journey_id, journey_version, contact_id, status, trigger_event, entered_at, updated_at)
                values ($1, 'retention', 1, 'c-retention', 'completed', '{}', now() - interval '400 days', now())""", run);
        // more old rows than a batch: the pass deletes them batch after batch
        Rows.of(pool, """
                insert into run_history (run_id, at, what)
                select $1, now() - interval '400 days' + g * interval '1 second', 'sent' from generate_series(1, 2500) g
                union all select $1, now() - interval '364 days', 'completed'""", run);
        Rows.of(pool, """
                insert into processed_record (id, processed_at)
                select $1 || '-old-' || g, now() - interval '31 days' from generate_series(1, 10) g
                union all select $1 || '-new-' || g, now() - interval '29 days' from generate_series(1, 10) g""", ids);

        pruner.prune(Instant.now()).await().atMost(PASS);

        assertEquals(1L, Rows.count(pool, "select count(*) from run_history where run_id = $1", run));
        assertEquals("completed", Rows.of(pool, "select what from run_history where run_id = $1", run).get(0).getString(0));
        assertEquals(10L, Rows.count(pool, "select count(*) from processed_record where id like $1", ids + "-%"));
        assertEquals(0L, Rows.count(pool, "select count(*) from processed_record where id like $1", ids + "-old-%"));
    }
}

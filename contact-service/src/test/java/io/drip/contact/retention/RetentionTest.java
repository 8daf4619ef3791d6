package io.drip.contact.retention;

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
 * contact-service prunes only its processed-record ids (its own records are the contacts and their
 * consent audit trail, kept until erasure): those older than 30 days go, recent ones stay.
 */
@QuarkusTest
class RetentionTest {
    private static final Duration PASS = Duration.ofMinutes(1);

    @Inject
    Pool pool;

    @Inject
    Pruner pruner;

    @Test
    void oldProcessedRecordsGoRecentOnesStay() {
        String ids = "ret-" + UUID.randomUUID();
        // more old rows than a batch: the pass deletes them batch after batch
        Rows.of(pool, """
                insert into processed_record (id, processed_at)
                select $1 || '-old-' || g, now() - interval '31 days' from generate_series(1, 2500) g
                union all select $1 || '-new', now() - interval '29 days'""", ids);

        pruner.prune(Instant.now()).await().atMost(PASS);

        assertEquals(1L, Rows.count(pool, "select count(*) from processed_record where id like $1", ids + "-%"));
        assertEquals(1L, Rows.count(pool, "select count(*) from processed_record where id = $1", ids + "-new"));
    }
}

package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.journey.webhook.WebhookConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica claims at most max-concurrency webhook calls a batch, however many are due and
 * however large the work batch: all of them are then made at once, within their leases. The due
 * calls are written and claimed in one transaction that is rolled back, so the running queue
 * never sees them.
 */
@QuarkusTest
class WebhookClaimTest {
    private static final int DUE = 40;

    @Inject
    Pool pool;

    @Inject
    WebhookQueue queue;

    @Inject
    WebhookConfig config;

    @Test
    void aBatchClaimsNoMoreCallsThanAreMadeAtOnce() {
        assertTrue(DUE > config.maxConcurrency(), "more calls due than one replica makes at once");
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        SqlConnection tx = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            tx.query("begin").execute().await().atMost(Duration.ofSeconds(10));
            String prefix = "claim-" + UUID.randomUUID();
            for (int i = 0; i < DUE; i++) {
                UUID run = UUID.randomUUID();
                tx.preparedQuery("""
                                insert into journey_run (id, journey_id, journey_version, contact_id, status, trigger_event,
                                  entered_at, updated_at) values ($1, 'claim-test', 1, $2, 'completed', '{}', $3, $3)""")
                        .execute(Tuple.of(run, prefix + "-" + i, longAgo.atOffset(ZoneOffset.UTC)))
                        .await().atMost(Duration.ofSeconds(10));
                tx.preparedQuery("""
                                insert into webhook_call (idempotency_key, run_id, step_id, visit, method, url, headers, status,
                                  next_at, created_at) values ($1, $2, 'coupon', 1, 'POST', 'http://127.0.0.1/c', '{}', 'pending', $3, $3)""")
                        .execute(Tuple.of(prefix + "-" + i, run, longAgo.atOffset(ZoneOffset.UTC)))
                        .await().atMost(Duration.ofSeconds(10));
            }
            List<WebhookQueue.DueCall> claimed = queue.claim(tx, Instant.now(), 200).await().atMost(Duration.ofSeconds(10));
            assertEquals(config.maxConcurrency(), claimed.size(), "a batch of 200 holds max-concurrency calls");
            assertTrue(claimed.stream().allMatch(c -> c.request().idempotencyKey().startsWith(prefix)),
                    "the longest due first: " + claimed);
        } finally {
            tx.query("rollback").execute().await().atMost(Duration.ofSeconds(10));
            tx.close().await().atMost(Duration.ofSeconds(10));
        }
    }
}

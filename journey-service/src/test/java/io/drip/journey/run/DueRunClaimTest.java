package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The timer's claim reads the due runs it takes and little else, however large a paused
 * journey's backlog or the number of runs waiting for later: 100,000 due runs of a paused journey
 * and 100,000 runs due tomorrow are loaded (in a transaction rolled back after), and the plan
 * of the claim, run for real, is read.
 */
@QuarkusTest
class DueRunClaimTest {
    private static final Duration LOAD = Duration.ofMinutes(2);

    @Inject
    Pool pool;

    @Inject
    RunRepository runs;

    @Test
    void aPausedJourneysBacklogAndTomorrowsRunsAreNotScannedByTheClaim() {
        String paused = "paused-backlog-" + UUID.randomUUID();
        String active = "active-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonObject plan = pool.withConnection(db -> db.begin().chain(tx -> db.preparedQuery(
                                "insert into journey_status (journey_id, status) values ($1, 'active')")
                        .execute(Tuple.of(paused))
                        .chain(() -> load(db, paused, "c-", now.minusHours(1), "- g * interval '1 ms'", 100_000))
                        .chain(() -> load(db, active, "c-", now.plusDays(1), "+ g * interval '1 s'", 100_000))
                        .chain(() -> load(db, active, "due-", now.minusMinutes(1), "", 10))
                        // pausing holds the journey's runs, as POST /v1/journeys/{id}/pause does
                        .chain(() -> db.preparedQuery("update journey_status set status = 'paused' where journey_id = $1")
                                .execute(Tuple.of(paused)))
                        .chain(() -> runs.hold(db, paused, true))
                        .chain(() -> db.query("analyze journey_run").execute())
                        .chain(() -> db.preparedQuery("explain (analyze, format json) " + RunRepository.CLAIM_DUE)
                                .execute(Tuple.of(now, 50)))
                        .map(rows -> new JsonArray(rows.iterator().next().getValue(0).toString()).getJsonObject(0)
                                .getJsonObject("Plan"))
                        .call(tx::rollback)))
                .await().atMost(LOAD);
        long read = rowsRead(plan);
        assertTrue(read < 1000, "the claim read " + read + " rows of journey_run: " + plan.encodePrettily());
    }

    /** Inserts {@code count} active runs of the journey, the g-th due at {@code at} {@code offset}. */
    private static Uni<Void> load(SqlClient db, String journeyId, String contactPrefix, OffsetDateTime at, String offset,
            int count) {
        return db.preparedQuery("""
                        insert into journey_run (id, journey_id, journey_version, contact_id, status, next_at,
                          trigger_event, entered_at, updated_at)
                        select gen_random_uuid(), $1, 1, $2 || g, 'active', $3::timestamptz %s, '{}', $3::timestamptz, $3::timestamptz
                        from generate_series(1, $4) g""".formatted(offset))
                .execute(Tuple.of(journeyId, contactPrefix, at, count))
                .replaceWithVoid();
    }

    /** Rows the plan's scans of journey_run produced or threw away. */
    private static long rowsRead(JsonObject node) {
        long read = 0;
        if ("journey_run".equals(node.getString("Relation Name"))) {
            read += node.getLong("Actual Rows", 0L) + node.getLong("Rows Removed by Filter", 0L);
        }
        JsonArray children = node.getJsonArray("Plans", new JsonArray());
        for (int i = 0; i < children.size(); i++) {
            read += rowsRead(children.getJsonObject(i));
        }
        return read;
    }
}

package io.drip.journey.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.QueryPlans;
import io.drip.testing.QueryPlans.Plan;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A year of data (issue 19): 1,000,000 messages of 250,000 runs in 250 journeys, and 250,000
 * inactivity timers, loaded in a transaction rolled back after; the plans of the queries that run
 * on every goal event, on the stats page and on an erasure read none of those tables whole.
 */
@QuarkusTest
class HotQueryPlansTest {
    private static final Duration LOAD = Duration.ofMinutes(2);
    private static final List<String> BIG = List.of("message", "journey_run", "inactivity_timer");

    @Inject
    Pool pool;

    @Test
    void goalsStatsAndErasuresReadNoBigTableWhole() {
        Map<String, Plan> plans = QueryPlans.afterLoading(pool, LOAD, HotQueryPlansTest::load, HotQueryPlansTest::plans);
        QueryPlans.assertNoneReadWhole(plans, BIG);
        plans.forEach((query, plan) -> assertTrue(!plan.indexes().isEmpty(), query + " uses no index: " + plan));
        assertTrue(plans.get("goal").indexes().contains("message_run"), plans.get("goal").toString());
        assertTrue(plans.get("erasure").indexes().contains("inactivity_timer_contact"), plans.get("erasure").toString());
    }

    private static Uni<Void> load(SqlClient db) {
        return db.query("""
                        insert into journey_run (id, journey_id, journey_version, contact_id, status, trigger_event,
                          entered_at, updated_at, variant)
                        select md5('run' || g)::uuid, 'j-' || g % 250, 1, 'c-' || g, 'completed', '{}',
                          now() - g * interval '1 minute', now(), case when g % 2 = 0 then 'A' else 'B' end
                        from generate_series(1, 250000) g""").execute()
                .chain(() -> db.query("""
                        insert into message (message_id, run_id, journey_id, journey_version, step_id, contact_id, created_at,
                          first_click_at)
                        select 'm-' || g, md5('run' || (g + 3) / 4)::uuid, 'j-' || ((g + 3) / 4) % 250, 1, 's-' || g % 4,
                          'c-' || (g + 3) / 4, now() - g * interval '1 second',
                          case when g % 10 = 0 then now() end
                        from generate_series(1, 1000000) g""").execute())
                .chain(() -> db.query("""
                        insert into inactivity_timer (journey_id, contact_id, last_event_at, due_at)
                        select 'inactive-' || g % 5, 'c-' || g, now(), now() + interval '30 days'
                        from generate_series(1, 250000) g""").execute())
                .chain(() -> db.query("analyze journey_run, message, inactivity_timer").execute())
                .replaceWithVoid();
    }

    /** The hot queries: the goal lookup and the erasure as RunRepository and RunErasure send them, the stats'. */
    private static Uni<Map<String, Plan>> plans(SqlClient db) {
        String[] contacts = {"c-17", "c-4711"};
        return QueryPlans.explain(db, """
                        select distinct on (r.id) r.id, m.message_id, m.step_id, m.created_at, m.first_click_at
                        from journey_run r left join message m on m.run_id = r.id
                        where r.contact_id = any($1) and r.journey_id = any($2) and r.converted_at is null
                          and (m.message_id is not null or (r.variant = $3 and r.ended_at is not null))
                        order by r.id, m.created_at desc nulls last""",
                        Tuple.of(contacts, new String[] {"j-17", "j-211"}, "holdout"))
                .chain(goal -> QueryPlans.explain(db, JourneyResource.RUNS_BY_STATUS, Tuple.of("j-17", null, null, null))
                        .chain(stats -> QueryPlans.explain(db, JourneyResource.RUNS_BY_VARIANT, Tuple.of("j-17", 1, null, null))
                                .chain(splits -> QueryPlans.explain(db,
                                                "delete from inactivity_timer where contact_id = $1", Tuple.of("c-4711"))
                                        .map(erasure -> Map.of("goal", goal, "stats", stats, "splits", splits,
                                                "erasure", erasure)))));
    }
}

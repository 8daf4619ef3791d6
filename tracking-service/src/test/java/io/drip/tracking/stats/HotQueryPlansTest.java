package io.drip.tracking.stats;

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
 * A year of data (issue 19): 1,000,000 clicks of 200,000 links in 1,000 journeys, loaded in a
 * transaction rolled back after; the counts of a link and of a journey find the link's clicks by
 * index and read neither table whole.
 */
@QuarkusTest
class HotQueryPlansTest {
    private static final Duration LOAD = Duration.ofMinutes(2);
    private static final List<String> BIG = List.of("click", "link");

    @Inject
    Pool pool;

    @Test
    void clickCountsFindTheClicksOfALinkByIndex() {
        Map<String, Plan> plans = QueryPlans.afterLoading(pool, LOAD, HotQueryPlansTest::load, HotQueryPlansTest::plans);
        QueryPlans.assertNoneReadWhole(plans, BIG);
        plans.forEach((query, plan) -> assertTrue(plan.indexes().contains("click_code"), query + ": " + plan));
    }

    private static Uni<Void> load(SqlClient db) {
        return db.query("""
                        insert into link (code, url, destination, message_id, contact_id, journey_id, step_id, variant,
                          created_at, expires_at)
                        select 'code' || g, 'https://shop.example/' || g, 'https://shop.example/' || g, 'm-' || g,
                          'c-' || g % 50000, 'j-' || g % 1000, 's-' || g % 5, case when g % 2 = 0 then 'A' else 'B' end,
                          now(), now() + interval '90 days'
                        from generate_series(1, 200000) g""").execute()
                .chain(() -> db.query("""
                        insert into click (click_id, code, at, bot)
                        select gen_random_uuid(), 'code' || (g + 4) / 5, now() - g * interval '1 second', g % 20 = 0
                        from generate_series(1, 1000000) g""").execute())
                .chain(() -> db.query("analyze link, click").execute())
                .replaceWithVoid();
    }

    private static Uni<Map<String, Plan>> plans(SqlClient db) {
        return QueryPlans.explain(db, ClickStats.OF_LINK, Tuple.of("code4711"))
                .chain(link -> QueryPlans.explain(db, ClickStats.OF_JOURNEY, Tuple.of("j-17", null, null))
                        .map(journey -> Map.of("link", link, "journey", journey)));
    }
}

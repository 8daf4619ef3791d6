package io.drip.dispatch.message;

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
 * A year of data (issue 19): 1,000,000 messages of 100,000 contacts and 1,000,000 status changes,
 * loaded in a transaction rolled back after; the messages API's lookups by contact, by status and
 * by id, and an erasure's, read neither table whole.
 */
@QuarkusTest
class HotQueryPlansTest {
    private static final Duration LOAD = Duration.ofMinutes(2);
    private static final List<String> BIG = List.of("outgoing_message", "message_event");

    @Inject
    Pool pool;

    @Test
    void theMessagesApiAndErasuresReadNoBigTableWhole() {
        Map<String, Plan> plans = QueryPlans.afterLoading(pool, LOAD, HotQueryPlansTest::load, HotQueryPlansTest::plans);
        QueryPlans.assertNoneReadWhole(plans, BIG);
        plans.forEach((query, plan) -> assertTrue(!plan.indexes().isEmpty(), query + " uses no index: " + plan));
        assertEquals(List.of("outgoing_message_contact_created"), plans.get("by contact").indexes());
        assertEquals(List.of("outgoing_message_status_created"), plans.get("by status").indexes());
    }

    private static Uni<Void> load(SqlClient db) {
        return db.query("""
                        insert into outgoing_message (message_id, idempotency_key, contact_id, journey_id, step_id, category,
                          text, command, status, created_at, age_from)
                        select 'm-' || g, 'k-' || g, 'c-' || g % 100000, 'j-' || g % 50, 's-' || g % 5, 'marketing', 'Hi',
                          '{}', case when g % 100 = 0 then 'failed' when g % 100 = 1 then 'pending' else 'delivered' end,
                          now() - g * interval '30 seconds', now() - g * interval '30 seconds'
                        from generate_series(1, 1000000) g""").execute()
                .chain(() -> db.query("""
                        insert into message_event (message_id, status, at)
                        select 'm-' || g, 'delivered', now() - g * interval '30 seconds' from generate_series(1, 1000000) g""")
                        .execute())
                .chain(() -> db.query("analyze outgoing_message, message_event").execute())
                .replaceWithVoid();
    }

    /** The messages API's queries (MessageQueries) and the erasure's lookup of waiting messages (MessageErasure). */
    private static Uni<Map<String, Plan>> plans(SqlClient db) {
        return QueryPlans.explain(db, MessageQueries.LIST, Tuple.of("c-4711", null, null, 50))
                .chain(byContact -> QueryPlans.explain(db, MessageQueries.LIST, Tuple.of(null, null, "failed", 50))
                        .chain(byStatus -> QueryPlans.explain(db, MessageQueries.HISTORY, Tuple.of("m-4711"))
                                .chain(history -> QueryPlans.explain(db,
                                                "select message_id from outgoing_message where contact_id = $1 and status = 'pending' for update",
                                                Tuple.of("c-4711"))
                                        .map(erasure -> Map.of("by contact", byContact, "by status", byStatus,
                                                "history", history, "erasure", erasure)))));
    }
}

package io.drip.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The plan PostgreSQL chooses for a query, read from {@code explain (format json)}: what tests of
 * indexes on big tables assert on (which tables are read whole, which indexes are used).
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /**
     * Loads the rows of a big table with {@code load}, then reads plans with {@code explain}, in one
     * transaction rolled back after: the rows are gone with it, however the test ends.
     */
    public static <T> T afterLoading(Pool pool, Duration within, Function<SqlClient, Uni<Void>> load,
            Function<SqlClient, Uni<T>> explain) {
        return pool.withConnection(db -> db.begin().chain(tx -> load.apply(db)
                        .chain(() -> explain.apply(db))
                        .call(tx::rollback)))
                .await().atMost(within);
    }

    /** Asserts that no plan, by the name of its query, reads any of {@code tables} whole. */
    public static void assertNoneReadWhole(Map<String, Plan> plans, List<String> tables) {
        plans.forEach((query, plan) -> assertEquals(List.of(),
                plan.seqScans().stream().filter(tables::contains).toList(), query + ": " + plan));
    }

    /** The plan of {@code sql} with these parameters, not run. */
    public static Uni<Plan> explain(SqlClient db, String sql, Tuple params) {
        return db.preparedQuery("explain (format json) " + sql).execute(params)
                .map(rows -> new Plan(new JsonArray(rows.iterator().next().getValue(0).toString()).getJsonObject(0)
                        .getJsonObject("Plan")));
    }

    /** A plan's tree of nodes. */
    public record Plan(JsonObject root) {

        /** The tables that a node of the plan reads whole ({@code Seq Scan}). */
        public List<String> seqScans() {
            List<String> tables = new ArrayList<>();
            nodes(root).stream().filter(node -> "Seq Scan".equals(node.getString("Node Type")))
                    .forEach(node -> tables.add(node.getString("Relation Name")));
            return tables;
        }

        /** The indexes the plan reads, in plan order. */
        public List<String> indexes() {
            List<String> indexes = new ArrayList<>();
            nodes(root).stream().filter(node -> node.getString("Index Name") != null)
                    .forEach(node -> indexes.add(node.getString("Index Name")));
            return indexes;
        }

        private static List<JsonObject> nodes(JsonObject node) {
            List<JsonObject> nodes = new ArrayList<>(List.of(node));
            JsonArray children = node.getJsonArray("Plans", new JsonArray());
            for (int i = 0; i < children.size(); i++) {
                nodes.addAll(nodes(children.getJsonObject(i)));
            }
            return nodes;
        }

        @Override
        public String toString() {
            return root.encodePrettily();
        }
    }
}

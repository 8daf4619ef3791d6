package io.drip.testing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan PostgreSQL chooses for a query, read from {@code explain (format json)}: what tests of
 * indexes on big tables assert on (which tables are read whole, which indexes are used).
 */
public final class QueryPlans {

    private QueryPlans() {
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

package io.drip.journey.stats;

import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.Step;
import io.drip.journey.engine.Run;
import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The journeys this service runs, and what each achieved. */
@Path("/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class JourneyResource {

    /** A loaded journey as the API shows it. */
    public record JourneySummary(String id, int version, String status, String name, String trigger,
            List<String> steps, String source) {
    }

    @Inject
    JourneyCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    MessageLog messages;

    @GET
    public List<JourneySummary> list() {
        return catalog.all().stream().map(j -> new JourneySummary(j.id(), j.version(), catalog.status(j.id()), j.name(),
                j.trigger().describe(), j.steps().stream().map(Step::id).toList(), j.source())).toList();
    }

    @GET
    @Path("/{id}/stats")
    public Uni<JourneyStats> stats(@PathParam("id") String id) {
        catalog.latest(id).orElseThrow(() -> new NotFoundException("no journey with id '" + id + "'"));
        return pool.preparedQuery("""
                        select status, exit_reason, count(*) as runs, count(converted_at) as converted,
                          coalesce(sum(revenue), 0) as revenue
                        from journey_run where journey_id = $1 group by status, exit_reason""")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    Map<String, Long> byStatus = new HashMap<>();
                    Map<String, Long> exitReasons = new TreeMap<>();
                    long converted = 0;
                    BigDecimal revenue = BigDecimal.ZERO;
                    for (Row row : rows) {
                        converted += row.getLong("converted");
                        revenue = revenue.add(row.getBigDecimal("revenue"));
                        byStatus.merge(row.getString("status"), row.getLong("runs"), Long::sum);
                        if (row.getString("exit_reason") != null) {
                            exitReasons.merge(row.getString("exit_reason"), row.getLong("runs"), Long::sum);
                        }
                    }
                    long entered = byStatus.values().stream().mapToLong(Long::longValue).sum();
                    long finalConverted = converted;
                    BigDecimal finalRevenue = revenue;
                    return messages.stepStats(pool, id).map(steps -> new JourneyStats(id, entered,
                            byStatus.getOrDefault(Run.ACTIVE, 0L),
                            byStatus.getOrDefault(Run.COMPLETED, 0L),
                            byStatus.getOrDefault(Run.EXITED, 0L), exitReasons, finalConverted, finalRevenue, steps));
                });
    }
}

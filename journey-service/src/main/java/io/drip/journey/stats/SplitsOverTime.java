package io.drip.journey.stats;

import io.drip.journey.autowinner.SplitDecision;
import io.drip.journey.autowinner.SplitDecisions;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.SplitStep;
import io.drip.kit.security.Roles;
import io.drip.kit.web.Every;
import io.drip.kit.web.Params;
import io.drip.kit.web.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/journeys/{id}/splits/{step}/over-time?version=&from=&to=&every=}: an A/B split's
 * click and conversion rates over time. The runs that entered between {@code from} and
 * {@code to} are grouped by the {@code every} (minute, hour or day; day by default) they entered
 * in and by variant; each point's rates are those of its runs, whenever they clicked or converted,
 * with their 95 % intervals, as the split's totals in {@code /stats} are; with the auto-winner's
 * decision in that version (default: the latest), if it took one.
 */
@Path("/v1/journeys/{id}/splits/{step}/over-time")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class SplitsOverTime {

    /** The split's points, in time order and, within one bucket, by variant; {@code decision} null while none. */
    public record Series(String journey, String step, Integer version, Period period, String every, List<Point> points,
            SplitDecision decision) {
    }

    /** The runs of one variant that entered in the bucket starting {@code at}; no click rate for a holdout. */
    public record Point(Instant at, String variant, long runs, long clicked, long converted, RateInterval clickRate,
            RateInterval conversionRate) {
    }

    @Inject
    JourneyCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    SplitDecisions decisions;

    @GET
    public Uni<Series> series(@PathParam("id") String id, @PathParam("step") String step,
            @QueryParam("version") String versionParam, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("every") String every) {
        Integer version = Params.integer("version", versionParam, null);
        JourneyDefinition journey = catalog.latest(id)
                .orElseThrow(() -> new NotFoundException("no journey with id '" + id + "'"));
        journey.steps().stream()
                .filter(s -> s instanceof SplitStep && s.id().equals(step)).findFirst()
                .orElseThrow(() -> new NotFoundException("journey '" + id + "' has no split step '" + step + "'"));
        Period period = Period.of(from, to);
        Every width = Every.of(every, Every.DAY);
        // the unit comes from the Every enum, never from the request's text
        return pool.preparedQuery("select date_trunc('" + width.unit() + "', r.entered_at) as at, variant, "
                        + JourneyResource.VARIANT_COUNTS + " from journey_run r where " + JourneyResource.RUNS
                        + " and variant is not null group by 1, 2 order by 1, 2")
                .execute(JourneyResource.runs(id, version, period))
                .map(rows -> {
                    List<Point> points = new ArrayList<>();
                    rows.forEach(row -> {
                        String variant = row.getString("variant");
                        long runs = row.getLong("runs");
                        boolean holdout = SplitStep.HOLDOUT.equals(variant);
                        points.add(new Point(row.getOffsetDateTime("at").toInstant(), variant, runs,
                                row.getLong("clicked"), row.getLong("converted"),
                                holdout ? null : RateInterval.of(row.getLong("clicked"), runs),
                                RateInterval.of(row.getLong("converted"), runs)));
                    });
                    return new Series(id, step, version, period, width.unit(), points,
                            decisions.decision(id, version == null ? journey.version() : version, step).orElse(null));
                });
    }
}

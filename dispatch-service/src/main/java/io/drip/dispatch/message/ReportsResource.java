package io.drip.dispatch.message;

import io.drip.kit.security.Roles;
import io.drip.kit.web.Every;
import io.drip.kit.web.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/reports/deliveries?journey=&step=&provider=&from=&to=&every=}: how the selected
 * messages fared ({@link DeliveryReports}); {@code from}/{@code to} are ISO-8601 instants
 * bounding when the messages were created, {@code every} (minute, hour or day; hour by default)
 * the width of the buckets of the figures over time. Aggregates only, so every role may read it.
 */
@Path("/v1/reports/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class ReportsResource {

    @Inject
    Pool pool;

    @Inject
    DeliveryReports reports;

    @GET
    public Uni<DeliveryReports.Report> report(@QueryParam("journey") String journey, @QueryParam("step") String step,
            @QueryParam("provider") String provider, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("every") String every) {
        Period period = Period.of(from, to);
        return reports.report(pool, new DeliveryReports.Filter(journey, step, provider, period.from(), period.to()),
                Every.of(every, Every.HOUR));
    }
}

package io.drip.dispatch.message;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /v1/reports/deliveries?journey=&step=&provider=&from=&to=}: how the selected
 * messages fared ({@link DeliveryReports}); {@code from}/{@code to} are ISO-8601 instants
 * bounding when the messages were created. Aggregates only, so every role may read it.
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
            @QueryParam("provider") String provider, @QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.report(pool, new DeliveryReports.Filter(journey, step, provider, instant("from", from),
                instant("to", to)));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, field + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '"
                    + value + "'");
        }
    }
}

package io.drip.tracking.stats;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/stats/clicks?journey=&step=&variant=}: clicks of a journey, a step, a variant. */
@Path("/v1/stats/clicks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class ClickStatsResource {

    /** The counts with what they are counts of. */
    public record JourneyClicks(String journey, String step, String variant, long total, long human,
            long uniqueHuman, long bot) {
    }

    @Inject
    ClickStats stats;

    @GET
    public Uni<JourneyClicks> clicks(@QueryParam("journey") String journey, @QueryParam("step") String step,
            @QueryParam("variant") String variant) {
        if (journey == null || journey.isBlank()) {
            throw new InvalidRequestException("journey", "the journey id is required, e.g. ?journey=cart-abandonment");
        }
        String stepOrAll = blankAsAbsent(step);
        String variantOrAll = blankAsAbsent(variant);
        return stats.ofJourney(journey, stepOrAll, variantOrAll).map(c -> new JourneyClicks(journey, stepOrAll,
                variantOrAll, c.total(), c.human(), c.uniqueHuman(), c.bot()));
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

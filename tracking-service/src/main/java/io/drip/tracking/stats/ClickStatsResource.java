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
import java.util.Map;

/** {@code GET /v1/stats/clicks?journey=&step=&variant=}: clicks of a journey, a step, a variant. */
@Path("/v1/stats/clicks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class ClickStatsResource {

    /**
     * The counts with what they are counts of.
     *
     * @param humanByCountry human clicks per country of the address; empty without an IP database
     */
    public record JourneyClicks(String journey, String step, String variant, long total, long human,
            long uniqueHuman, long bot, Map<String, Long> humanByCountry) {
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
        return Uni.combine().all().unis(stats.ofJourney(journey, stepOrAll, variantOrAll),
                stats.humanByCountry(journey, stepOrAll, variantOrAll)).asTuple()
                .map(both -> new JourneyClicks(journey, stepOrAll, variantOrAll, both.getItem1().total(),
                        both.getItem1().human(), both.getItem1().uniqueHuman(), both.getItem1().bot(), both.getItem2()));
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package io.drip.journey.definition;

import io.drip.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/journeys/validate}: checks a journey's YAML exactly as publishing would, and
 * stores nothing (the console's editor). Valid: its id and outline; invalid: 400 with the line
 * and column of the problem ({@link JourneyErrors}).
 */
@Path("/v1/journeys/validate")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class JourneyValidationResource {

    @Inject
    JourneyValidator validator;

    /** A valid journey: its id and steps. */
    public record Valid(String journey, JourneyOutline outline) {
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Valid validate(String yaml) {
        JourneyDefinition journey = validator.read("request", yaml);
        return new Valid(journey.id(), JourneyOutline.of(journey));
    }
}

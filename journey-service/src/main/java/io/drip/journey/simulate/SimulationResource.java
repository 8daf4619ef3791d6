package io.drip.journey.simulate;

import io.drip.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /v1/journeys/simulate}: a journey's timeline for one contact, on a virtual clock. */
@Path("/v1/journeys/simulate")
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class SimulationResource {

    @Inject
    Simulator simulator;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Simulation.Timeline simulate(Simulation request) {
        return simulator.run(request);
    }

    /** The same timeline as aligned text, one line per entry, for people and for the docs. */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String simulateAsText(Simulation request) {
        return TimelineText.format(simulator.run(request));
    }
}

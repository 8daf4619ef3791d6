package io.drip.console.journeys;

import io.drip.console.api.JourneyApi;
import io.drip.console.pages.Viewer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The journeys page's buttons: a marketer pauses, resumes or archives a journey (a form post with its CSRF token). */
@Path("/journeys/{id}/{action}")
@RolesAllowed(Viewer.MARKETER)
public class JourneyActions {
    private static final Set<String> ACTIONS = Set.of("pause", "resume", "archive");

    @Inject
    @RestClient
    JourneyApi api;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("id") String id, @PathParam("action") String action) {
        if (!ACTIONS.contains(action)) {
            throw new NotFoundException();
        }
        api.change(id, action);
        return Response.seeOther(URI.create("/journeys")).build();
    }
}

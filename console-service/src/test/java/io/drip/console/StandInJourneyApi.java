package io.drip.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * journey-service's API as the console's tests need it, answered by the console's own test
 * server: one journey, its stats and version, and the changes asked for. The real API is
 * covered by e2e-tests' ConsoleBrowserTest.
 */
@Path("/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
public class StandInJourneyApi {
    public static final List<String> CHANGES = new CopyOnWriteArrayList<>();

    private static void keyed(String authorization) {
        if (!"Bearer console-test-key".equals(authorization)) {
            throw new NotAuthorizedException("the console's key is missing");
        }
    }

    @GET
    public List<Map<String, Object>> list(@HeaderParam("Authorization") String authorization) {
        keyed(authorization);
        return List.of(Map.of("id", "welcome", "version", 1, "status", "active", "name", "Welcome <b>", "trigger",
                "Signed Up"));
    }

    @GET
    @Path("/{id}/stats")
    public Map<String, Object> stats(@HeaderParam("Authorization") String authorization) {
        keyed(authorization);
        return Map.of("journey", "welcome", "entered", 7, "active", 2, "completed", 5, "exited", 0, "converted", 1,
                "reached", Map.of("hello", 7), "steps", List.of(Map.of("step", "hello", "messages", 7, "sent", 6,
                        "delivered", 5, "clicked", 2, "suppressed", 1)));
    }

    @GET
    @Path("/{id}/versions/{version}")
    public Response version(@HeaderParam("Authorization") String authorization, @PathParam("version") int version) {
        keyed(authorization);
        if (version != 1) {
            return Response.status(404).entity(Map.of("error", "not_found",
                    "message", "journey 'welcome' has no version " + version)).build();
        }
        return Response.ok(Map.of("journey", "welcome", "version", 1, "yaml", "journey: welcome\nsteps: []\n",
                "outline", Map.of("steps", List.of(Map.of("id", "hello", "kind", "send", "summary", "marketing sms: Hi",
                        "next", List.of(Map.of("to", "(end)"))))))).build();
    }

    @POST
    @Path("/{id}/{action}")
    public Map<String, Object> change(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @PathParam("action") String action) {
        keyed(authorization);
        CHANGES.add(id + " " + action);
        return Map.of("id", id, "status", action, "runsEnded", 0);
    }
}

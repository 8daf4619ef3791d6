package io.drip.journey.definition;

import io.drip.journey.run.RunRepository;
import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * Marketers' changes to journeys: a new version from YAML, pause (no entries, runs held where
 * they are), resume, archive (no entries, runs in flight exit with reason {@code archived}).
 */
@Path("/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class JourneyAdminResource {
    public static final String ARCHIVED_REASON = "archived";

    /** The outcome of a change. */
    public record JourneyVersion(String id, int version, String status, boolean created) {
    }

    /** The outcome of a status change. */
    public record StatusChange(String id, String status, int runsEnded) {
    }

    @Inject
    Pool pool;

    @Inject
    JourneyStore store;

    @Inject
    JourneyCatalog catalog;

    @Inject
    JourneyValidator validator;

    @Inject
    RunRepository runs;

    /** Stores the journey as its next version (201), or answers 200 when the text is that of its latest version. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Uni<Response> publish(String yaml) {
        JourneyDefinition journey = validator.read("request", yaml);
        return pool.withTransaction(tx -> store.publish(tx, journey.id(), yaml, "api"))
                .call(catalog::refresh)
                .map(published -> Response.status(published.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(new JourneyVersion(journey.id(), published.version(), published.status(),
                                published.created()))
                        .build());
    }

    @POST
    @Path("/{id}/pause")
    public Uni<StatusChange> pause(@PathParam("id") String id) {
        return change(id, JourneyStore.PAUSED);
    }

    @POST
    @Path("/{id}/resume")
    public Uni<StatusChange> resume(@PathParam("id") String id) {
        return change(id, JourneyStore.ACTIVE);
    }

    @POST
    @Path("/{id}/archive")
    public Uni<StatusChange> archive(@PathParam("id") String id) {
        return change(id, JourneyStore.ARCHIVED);
    }

    private Uni<StatusChange> change(String id, String status) {
        return pool.withTransaction(tx -> store.setStatus(tx, id, status).chain(found -> {
            if (!found) {
                return Uni.createFrom().failure(new NotFoundException("no journey with id '" + id + "'"));
            }
            return JourneyStore.ARCHIVED.equals(status) ? runs.endAll(tx, id, ARCHIVED_REASON, Instant.now())
                    : runs.hold(tx, id, JourneyStore.PAUSED.equals(status)).replaceWith(0);
        })).call(catalog::refresh).map(ended -> new StatusChange(id, status, ended));
    }
}

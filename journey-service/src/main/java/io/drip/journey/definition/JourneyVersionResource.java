package io.drip.journey.definition;

import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/** One stored version of a journey: the YAML as published and its steps as a graph. */
@Path("/v1/journeys/{id}/versions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class JourneyVersionResource {

    /** The version's text and outline (durations as written, not time-compressed). */
    public record VersionView(String journey, int version, String yaml, JourneyOutline outline) {
    }

    @Inject
    Pool pool;

    @Inject
    JourneyStore store;

    @GET
    @Path("/{version}")
    public Uni<VersionView> version(@PathParam("id") String id, @PathParam("version") int version) {
        return store.version(pool, id, version).map(found -> found.map(stored -> new VersionView(id, version,
                        stored.yaml(), JourneyOutline.of(JourneyReader.read(stored.origin(),
                                new StringReader(stored.yaml()))))))
                .map(found -> found.orElseThrow(
                        () -> new NotFoundException("journey '" + id + "' has no version " + version)));
    }
}

package io.drip.contact.ingest;

import io.drip.contracts.SegmentMessage;
import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;

/** The Segment HTTP Tracking API: backends send what they already send to Segment. */
@Path("/v1")
@RolesAllowed(Roles.INGEST)
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {
    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    @Inject
    SegmentIngest ingest;

    @POST
    @Path("/identify")
    public Uni<Map<String, Boolean>> identify(String body) {
        return accept(SegmentMessage.IDENTIFY, body);
    }

    @POST
    @Path("/track")
    public Uni<Map<String, Boolean>> track(String body) {
        return accept(SegmentMessage.TRACK, body);
    }

    private Uni<Map<String, Boolean>> accept(String type, String body) {
        SegmentMessage message = SegmentRequestReader.read(type, body, Instant.now());
        return ingest.acceptFromHttp(message).replaceWith(SUCCESS);
    }
}

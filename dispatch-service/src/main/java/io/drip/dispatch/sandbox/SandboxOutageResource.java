package io.drip.dispatch.sandbox;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/sandbox/outage?seconds=60} (ops): this replica's sandbox fails every
 * submission for that long, to rehearse a provider outage; {@code seconds=0} ends it.
 */
@Path("/v1/sandbox/outage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class SandboxOutageResource {
    private static final int MAX_SECONDS = 3600;

    @Inject
    SandboxOutage outage;

    @POST
    public Map<String, Object> start(@QueryParam("seconds") String secondsParam) {
        Integer seconds = Params.integer("seconds", secondsParam, null);
        if (seconds == null || seconds < 0 || seconds > MAX_SECONDS) {
            throw new InvalidRequestException("seconds", "seconds must be between 0 and " + MAX_SECONDS);
        }
        outage.startFor(Duration.ofSeconds(seconds));
        return Map.of("outageSeconds", outage.remaining().toSeconds());
    }
}

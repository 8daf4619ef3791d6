package io.drip.dispatch.message;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * The messages dispatch handled, for operations: {@code GET /v1/messages?contact=&journey=&status=}
 * (newest first) and {@code GET /v1/messages/{id}} with the text as sent and the full history
 * of the message. Role ops: these show phone numbers.
 */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class MessagesResource {
    private static final int MAX_LIMIT = 500;
    /** The statuses a message can be in: pending (queued) and sending are dispatch's own. */
    static final Set<String> STATUSES = Set.of("pending", "sending", "sent", "delivered", "failed", "undelivered",
            "suppressed");

    @Inject
    Pool pool;

    @Inject
    MessageQueries queries;

    @GET
    public Uni<List<MessageQueries.MessageView>> list(@QueryParam("contact") String contact,
            @QueryParam("journey") String journey, @QueryParam("status") String status,
            @QueryParam("limit") String limitParam) {
        int limit = Params.integer("limit", limitParam, 50);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("status", "status must be one of " + STATUSES.stream().sorted().toList());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return queries.list(pool, contact, journey, status, limit);
    }

    @GET
    @Path("/{id}")
    public Uni<MessageQueries.MessageDetail> get(@PathParam("id") String id) {
        return queries.find(pool, id).map(found -> found.orElseThrow(() -> new NotFoundException("no message " + id)));
    }
}

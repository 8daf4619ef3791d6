package io.drip.dispatch.sandbox;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The sandbox inbox: what the sandbox provider "sent", newest first. */
@Path("/v1/sandbox/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class SandboxResource {
    private static final int MAX_LIMIT = 500;

    /** One SMS in the sandbox inbox; {@code media}: an MMS's image URLs, empty for an SMS. */
    public record InboxMessage(String id, String messageId, String to, String text, List<String> media, String status,
            Instant sentAt, Instant receiptAt) {
    }

    @Inject
    Pool pool;

    @GET
    public Uni<List<InboxMessage>> list(@QueryParam("to") String to, @QueryParam("limit") String limitParam) {
        int limit = Params.integer("limit", limitParam, 50);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return pool.preparedQuery("""
                        select id, message_id, to_phone, text, media, status, created_at, receipt_at from sandbox_message
                        where $1::text is null or to_phone = $1 order by created_at desc limit $2""")
                .execute(Tuple.of(to, limit))
                .map(rows -> {
                    List<InboxMessage> inbox = new ArrayList<>();
                    for (Row row : rows) {
                        inbox.add(new InboxMessage(row.getString("id"), row.getString("message_id"),
                                row.getString("to_phone"), row.getString("text"), SandboxMedia.of(row), row.getString("status"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("receipt_at") == null ? null
                                        : row.getOffsetDateTime("receipt_at").toInstant()));
                    }
                    return inbox;
                });
    }
}

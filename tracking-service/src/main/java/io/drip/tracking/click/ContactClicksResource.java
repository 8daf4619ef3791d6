package io.drip.tracking.click;

import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/contacts/{id}/clicks}: every click on one contact's short links, newest first
 * (at most {@value #LIMIT}), for the console's contact page. Neither the address nor the user
 * agent is shown: the device, OS, browser and country are what a person needs to read.
 */
@Path("/v1/contacts/{id}/clicks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class ContactClicksResource {
    static final int LIMIT = 500;

    /** One click as the API shows it; {@code botReason} says why it is not counted as a person's. */
    public record ContactClick(String code, String url, String messageId, String journeyId, String stepId,
            String variant, Instant at, String device, String os, String browser, String country, boolean bot,
            String botReason) {
    }

    @Inject
    Pool pool;

    @GET
    public Uni<List<ContactClick>> clicks(@PathParam("id") String contactId) {
        return pool.preparedQuery("""
                        select l.code, l.url, l.message_id, l.journey_id, l.step_id, l.variant, c.at, c.device, c.os,
                          c.browser, c.country, c.bot, c.bot_reason
                        from click c join link l on l.code = c.code where l.contact_id = $1
                        order by c.at desc limit %d""".formatted(LIMIT))
                .execute(Tuple.of(contactId))
                .map(rows -> {
                    List<ContactClick> clicks = new ArrayList<>();
                    for (Row row : rows) {
                        clicks.add(new ContactClick(row.getString("code"), row.getString("url"),
                                row.getString("message_id"), row.getString("journey_id"), row.getString("step_id"),
                                row.getString("variant"), row.getOffsetDateTime("at").toInstant(),
                                row.getString("device"), row.getString("os"), row.getString("browser"),
                                row.getString("country"), row.getBoolean("bot"), row.getString("bot_reason")));
                    }
                    return clicks;
                });
    }
}

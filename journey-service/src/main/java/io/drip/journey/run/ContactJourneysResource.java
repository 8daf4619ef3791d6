package io.drip.journey.run;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every run of one contact with its history: why did this person get this message? */
@Path("/v1/contacts/{id}/journeys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class ContactJourneysResource {

    /** One run as the API shows it. */
    public record RunView(UUID run, String journey, int version, String status, String exitReason, String variant,
            Instant enteredAt, Instant convertedAt, List<RunHistory.Entry> history) {
    }

    @Inject
    Pool pool;

    @GET
    public Uni<List<RunView>> runs(@PathParam("id") String contactId) {
        return pool.preparedQuery("""
                        select id, journey_id, journey_version, status, exit_reason, variant, entered_at, converted_at
                        from journey_run where contact_id = $1 order by entered_at""")
                .execute(Tuple.of(contactId))
                .chain(runs -> {
                    Map<UUID, Row> byId = new LinkedHashMap<>();
                    runs.forEach(row -> byId.put(row.getUUID("id"), row));
                    return pool.preparedQuery("""
                                    select run_id, at, step_id, what, detail from run_history
                                    where run_id = any($1) order by id""")
                            .execute(Tuple.of(byId.keySet().toArray(new UUID[0])))
                            .map(history -> {
                                Map<UUID, List<RunHistory.Entry>> entries = new LinkedHashMap<>();
                                history.forEach(h -> entries.computeIfAbsent(h.getUUID("run_id"), k -> new ArrayList<>())
                                        .add(new RunHistory.Entry(h.getOffsetDateTime("at").toInstant(),
                                                h.getString("step_id"), h.getString("what"), h.getString("detail"))));
                                List<RunView> views = new ArrayList<>();
                                byId.forEach((id, row) -> views.add(new RunView(id, row.getString("journey_id"),
                                        row.getInteger("journey_version"), row.getString("status"),
                                        row.getString("exit_reason"), row.getString("variant"),
                                        instant(row.getOffsetDateTime("entered_at")),
                                        instant(row.getOffsetDateTime("converted_at")),
                                        entries.getOrDefault(id, List.of()))));
                                return views;
                            });
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

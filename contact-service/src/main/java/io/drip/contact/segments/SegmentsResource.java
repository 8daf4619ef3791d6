package io.drip.contact.segments;

import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The segments and who is in them. */
@Path("/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class SegmentsResource {
    private static final int MAX_LIMIT = 1000;

    public record SegmentSummary(String id, String name, String when, long members) {
    }

    public record Member(String contactId, Instant enteredAt) {
    }

    /** {@code next} is the {@code after} of the next page, null on the last. */
    public record MemberPage(List<Member> members, String next) {
    }

    @Inject
    SegmentCatalog catalog;

    @Inject
    Pool pool;

    @GET
    public Uni<List<SegmentSummary>> list() {
        return pool.query("select segment_id, count(*) as members from segment_membership group by segment_id").execute()
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getString("segment_id"), row.getLong("members")));
                    return catalog.all().stream().map(s -> new SegmentSummary(s.id(), s.name(), s.when().expression(),
                            counts.getOrDefault(s.id(), 0L))).toList();
                });
    }

    @GET
    @Path("/{id}/contacts")
    public Uni<MemberPage> members(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        if (catalog.find(id).isEmpty()) {
            throw new NotFoundException("no segment with id '" + id + "'");
        }
        int size = Params.integer("limit", limit, 100);
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit is between 1 and " + MAX_LIMIT);
        }
        return pool.preparedQuery("""
                        select contact_id, entered_at from segment_membership where segment_id = $1 and contact_id > $2
                        order by contact_id limit $3""")
                .execute(Tuple.of(id, after == null ? "" : after, size))
                .map(rows -> {
                    List<Member> members = new ArrayList<>();
                    rows.forEach(row -> members.add(new Member(row.getString("contact_id"),
                            row.getOffsetDateTime("entered_at").toInstant())));
                    return new MemberPage(members, members.size() == size ? members.get(size - 1).contactId() : null);
                });
    }
}

package io.drip.contact.holdout;

import io.drip.kit.holdout.GlobalHoldout;
import io.drip.kit.security.Roles;
import io.drip.kit.web.Period;
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
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /v1/reports/holdout-lift?from=&to=}: the incremental lift of all marketing SMS in a
 * period (default: the last 30 days), from the data contact-service owns: its contacts (those
 * created before the period's end) and their {@code Order Completed} events in the period. Which
 * contacts were held out is the rule dispatch-service enforces ({@link GlobalHoldout}), so both
 * services must be configured with the same share and key.
 */
@Path("/v1/reports/holdout-lift")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class HoldoutLiftResource {
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Rows fetched per round trip of the cursor over the contacts. */
    private static final int FETCH = 1000;

    @Inject
    Pool pool;

    @Inject
    GlobalHoldout holdout;

    @GET
    public Uni<HoldoutLift.Report> lift(@QueryParam("from") String from, @QueryParam("to") String to) {
        Period asked = Period.of(from, to);
        Instant end = asked.to() != null ? asked.to() : Instant.now();
        Instant start = asked.from() != null ? asked.from() : end.minus(DEFAULT_PERIOD);
        Period period = Period.of(start.toString(), end.toString());
        return pool.withTransaction(tx -> tx.prepare("""
                        select c.id, count(o.message_id) as orders, coalesce(sum(o.revenue), 0) as revenue
                        from contact c left join order_event o on o.contact_id = c.id and o.at >= $1 and o.at < $2
                        where c.created_at < $2
                        group by c.id""")
                .onItem().transformToMulti(statement -> statement.createStream(FETCH,
                        Tuple.of(period.sqlFrom(), period.sqlTo())).toMulti())
                .collect().in(HoldoutLift::new, this::count)
                .map(lift -> lift.report(period.from(), period.to(), holdout.share())));
    }

    private void count(HoldoutLift lift, Row contact) {
        lift.add(holdout.holdsOut(contact.getString("id")), contact.getLong("orders") > 0,
                contact.getBigDecimal("revenue").doubleValue());
    }
}

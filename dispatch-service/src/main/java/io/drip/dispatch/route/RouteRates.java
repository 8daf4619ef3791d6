package io.drip.dispatch.route;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rate of each route, held across all replicas by PostgreSQL: a route of rate N has N
 * slots (table route_slot); a provider call first takes a slot that was last taken more than a
 * second (plus {@code drip.dispatch.rate-guard}) ago, stamping it with the database clock. Any
 * one-second window therefore holds at most N slot takes, whichever replica took them, and the
 * guard covers the few milliseconds between taking a slot and the call leaving (the commit of
 * the attempt). Slots are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas never wait on
 * each other, and the take commits with the attempt that uses it.
 */
@ApplicationScoped
public class RouteRates {

    @ConfigProperty(name = "drip.dispatch.rate-guard")
    Duration guard;

    /** Makes the route's slots match its rate (at start; replicas agree on the configuration). */
    public Uni<Void> size(SqlClient tx, Route route) {
        return tx.preparedQuery("""
                        insert into route_slot (route, slot, used_at)
                        select $1, g, '-infinity' from generate_series(0, $2 - 1) g
                        on conflict do nothing""")
                .execute(Tuple.of(route.name(), route.rate()))
                .chain(() -> tx.preparedQuery("delete from route_slot where route = $1 and slot >= $2")
                        .execute(Tuple.of(route.name(), route.rate())))
                .replaceWithVoid();
    }

    /**
     * Takes a slot of the route if one is free now: when it was taken (database clock), or empty
     * when the route is at its rate.
     */
    public Uni<Optional<Instant>> take(SqlClient tx, String route) {
        return tx.preparedQuery("""
                        update route_slot set used_at = clock_timestamp()
                        where (route, slot) = (
                          select route, slot from route_slot
                          where route = $1 and used_at <= clock_timestamp() - make_interval(secs => $2)
                          order by used_at limit 1 for update skip locked)
                        returning used_at""")
                .execute(Tuple.of(route, 1 + guard.toNanos() / 1e9))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("used_at").toInstant()));
    }
}

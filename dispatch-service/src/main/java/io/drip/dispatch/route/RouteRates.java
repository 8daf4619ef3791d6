package io.drip.dispatch.route;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rate of each route, held across all replicas by PostgreSQL: a route of rate N has N
 * slots (table route_slot). A provider call holds a slot from before it starts until after it
 * ended, and a slot is taken again only a second after its last call ended (database clock).
 * So between any two calls on one slot, the provider saw the first before the second started
 * plus a second: no one-second window, measured anywhere, holds more than N calls of the route,
 * whichever replicas made them and however long commits, networks or pauses take. A slot whose
 * holder crashed frees itself after {@code drip.dispatch.sending-lease}. Slots are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never wait on each other.
 */
@ApplicationScoped
public class RouteRates {

    /** A slot held for one call. */
    public record Slot(String route, int number, Instant takenAt) {
    }

    @ConfigProperty(name = "drip.dispatch.sending-lease")
    Duration lease;

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
     * Takes up to {@code count} slots of the route that have been free for a second, holding them
     * until {@link #releaseAll} (or the lease runs out); fewer, or none, when the route is at
     * its rate.
     */
    public Uni<List<Slot>> take(SqlClient tx, String route, int count) {
        return tx.preparedQuery("""
                        update route_slot set used_at = clock_timestamp() + make_interval(secs => $2)
                        where (route, slot) in (
                          select route, slot from route_slot
                          where route = $1 and used_at <= clock_timestamp() - interval '1 second'
                          order by used_at limit $3 for update skip locked)
                        returning slot, clock_timestamp() as taken_at""")
                .execute(Tuple.of(route, lease.toNanos() / 1e9, count))
                .map(rows -> {
                    List<Slot> slots = new ArrayList<>();
                    rows.forEach(row -> slots.add(new Slot(route, row.getInteger("slot"),
                            row.getOffsetDateTime("taken_at").toInstant())));
                    return slots;
                });
    }

    /**
     * Gives {@code count} messages that found the route at its rate their turns, in order, one
     * every 1/rate seconds: behind the turns already given, and not before the route's first slot
     * frees (a slot in a call is taken to free a second from now). One row per route and category
     * holds the last turn; replicas queue behind each other through it.
     */
    public Uni<List<Instant>> queue(SqlClient tx, Route route, String category, int count) {
        double spacing = 1.0 / route.rate();
        return tx.preparedQuery("""
                        insert into route_queue as q (route, category, tail)
                        select $1, $3, coalesce(min(case when used_at > clock_timestamp() then clock_timestamp() else used_at end),
                                                clock_timestamp()) + interval '1 second' + make_interval(secs => $2)
                        from route_slot where route = $1
                        on conflict (route, category) do update
                        set tail = greatest(q.tail, excluded.tail - make_interval(secs => $2)) + make_interval(secs => $2)
                        returning tail""")
                .execute(Tuple.of(route.name(), count * spacing, category))
                .map(rows -> {
                    Instant tail = rows.iterator().next().getOffsetDateTime("tail").toInstant();
                    List<Instant> turns = new ArrayList<>(count);
                    for (int k = count - 1; k >= 0; k--) {
                        turns.add(tail.minusNanos(Math.round(k * spacing * 1e9)));
                    }
                    return turns;
                });
    }

    /** Frees slots after their calls ended: each may be taken again a second from now. */
    public Uni<Void> releaseAll(SqlClient tx, List<Slot> slots) {
        if (slots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update route_slot s set used_at = clock_timestamp()
                        from unnest($1::text[], $2::int[]) as r(route, slot)
                        where s.route = r.route and s.slot = r.slot""")
                .execute(Tuple.of(slots.stream().map(Slot::route).toArray(String[]::new),
                        slots.stream().map(Slot::number).toArray(Integer[]::new)))
                .replaceWithVoid();
    }
}

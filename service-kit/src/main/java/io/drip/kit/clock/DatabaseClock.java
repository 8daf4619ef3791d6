package io.drip.kit.clock;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The time replicas agree on: PostgreSQL's clock, read in the caller's transaction. Every time a
 * replica stores for another to compare (a timer's due time, an attempt's lease, a retry's next
 * attempt) and every decision by the hour (quiet hours) is taken from it, so a replica whose own
 * clock is off by minutes or hours neither fires timers early nor takes over another's call nor
 * sends at night.
 */
@ApplicationScoped
public class DatabaseClock {

    /** The database's time now (one round trip, to the microsecond). */
    public Uni<Instant> now(SqlClient db) {
        return db.query("select clock_timestamp() as now").execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime("now").toInstant());
    }
}

package io.drip.journey.run;

import io.drip.journey.engine.Run;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The durable timer: advances runs whose {@code next_at} has passed. Timers live in PostgreSQL,
 * so a restart loses none.
 */
@ApplicationScoped
public class RunScheduler implements DueWork.Queue<Run> {

    @Inject
    RunRepository runs;

    @Inject
    RunAdvancer advancer;

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public Uni<Optional<Run>> claim(SqlConnection tx, Instant now) {
        return runs.claimNextDue(tx, now);
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Run run, Instant now) {
        return advancer.advance(tx, run, now);
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Run run, Instant until) {
        return runs.postpone(tx, run.id(), until);
    }
}

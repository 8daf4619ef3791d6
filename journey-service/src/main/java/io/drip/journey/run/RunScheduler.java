package io.drip.journey.run;

import io.drip.journey.metrics.TimerLateness;
import io.drip.journey.run.RunRepository.DueRun;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The durable timer: advances runs whose {@code next_at} has passed. Timers live in PostgreSQL,
 * so a restart loses none.
 */
@ApplicationScoped
public class RunScheduler implements DueWork.Queue<DueRun> {

    @Inject
    RunRepository runs;

    @Inject
    RunAdvancer advancer;

    @Inject
    TimerLateness lateness;

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public String describe(DueRun due) {
        return "run " + due.run().id() + " of contact " + due.run().contactId();
    }

    @Override
    public Uni<List<DueRun>> claim(SqlConnection tx, Instant now, int limit) {
        return runs.claimDue(tx, now, limit);
    }

    @Override
    public Uni<Void> process(SqlConnection tx, DueRun due, Instant now) {
        return processAll(tx, List.of(due), now);
    }

    /** The whole batch in one walk and one write per table; a failing run is isolated by DueWork. */
    @Override
    public Uni<Void> processAll(SqlConnection tx, List<DueRun> due, Instant now) {
        due.forEach(run -> lateness.fired(name(), run.dueAt(), now));
        return advancer.advance(tx, due, now);
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, DueRun due, Instant until) {
        return runs.postpone(tx, due.run().id(), until);
    }
}

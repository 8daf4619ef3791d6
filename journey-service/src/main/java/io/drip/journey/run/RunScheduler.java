package io.drip.journey.run;

import io.drip.kit.work.DueWork;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable timer: advances runs whose {@code next_at} has passed. Timers live in PostgreSQL,
 * so a restart loses none.
 */
@ApplicationScoped
public class RunScheduler implements DueWork.Queue<Run> {
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(30);

    @Inject
    DueWork work;

    @Inject
    RunRepository runs;

    @Inject
    RunAdvancer advancer;

    @ConfigProperty(name = "drip.runs.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "drip.runs.poll-interval", defaultValue = "PT0.2S")
    Duration pollInterval;

    @Inject
    Poller poller;

    void start(@Observes StartupEvent event) {
        poller.every("journey timers", pollInterval, this::advanceDueRuns);
    }

    Uni<Void> advanceDueRuns() {
        return work.drain(this, batchSize, FAILURE_BACKOFF);
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

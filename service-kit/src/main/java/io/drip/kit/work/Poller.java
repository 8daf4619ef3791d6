package io.drip.kit.work;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs non-blocking background tasks (outbox relay, due timers, queues) every few hundred
 * milliseconds on a Vert.x timer, never two runs of one task at once. Quarkus' simple
 * scheduler does not go below one second, which would add seconds to every hop of a journey.
 * A run that has not ended after {@link #STUCK_AFTER} is abandoned and the task starts again (a
 * long drain merely starts over): one that never ends, a database call lost with its connection
 * say, would otherwise stop the task for good.
 */
@ApplicationScoped
public class Poller {
    private static final Logger LOG = Logger.getLogger(Poller.class);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(1);

    @Inject
    Vertx vertx;

    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    public void every(String name, Duration interval, Supplier<Uni<Void>> task) {
        every(name, interval, STUCK_AFTER, task);
    }

    /**
     * For a long task that makes progress in steps (a recompute in chunks, a pruning pass): a run is
     * abandoned only after {@code stuckAfter}.
     */
    public void every(String name, Duration interval, Duration stuckAfter, Supplier<Uni<Void>> task) {
        AtomicBoolean running = new AtomicBoolean();
        timers.add(vertx.setPeriodic(interval.toMillis(), id -> {
            if (stopping || !running.compareAndSet(false, true)) {
                return;
            }
            task.get()
                    .ifNoItem().after(stuckAfter).failWith(() -> new IllegalStateException(name + " has not ended in " + stuckAfter))
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(done -> {
                    }, failure -> LOG.warnf(failure, "%s failed; it runs again in %s", name, interval));
        }));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        timers.forEach(vertx::cancelTimer);
    }
}

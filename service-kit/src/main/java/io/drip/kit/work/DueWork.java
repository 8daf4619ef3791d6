package io.drip.kit.work;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Works off the due items of every PostgreSQL-backed {@link Queue} bean (durable timers,
 * outgoing messages, receipts), one transaction per item: the claim ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas share the work) and the processing commit together, and one failing item
 * is postponed instead of holding back the others. Each queue is polled every
 * {@code drip.work.<name>.poll-interval} (0.2 s) for up to {@code drip.work.<name>.batch-size}
 * (200) items.
 */
@ApplicationScoped
public class DueWork {
    private static final Logger LOG = Logger.getLogger(DueWork.class);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(30);

    /** How to claim, process and postpone the items of one queue. */
    public interface Queue<T> {
        /** Names the queue in logs and settings. */
        String name();

        /** Names an item in logs by its ids: never phone numbers, texts or traits (JSON logs ship them). */
        String describe(T item);

        /** Claims the most overdue item at {@code now}, if any. */
        Uni<Optional<T>> claim(SqlConnection tx, Instant now);

        Uni<Void> process(SqlConnection tx, T item, Instant now);

        /** Moves an item whose processing failed to a later time, so it is retried, not spun on. */
        Uni<Void> postpone(SqlConnection tx, T item, Instant until);
    }

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    Config config;

    @Inject
    @Any
    Instance<Queue<?>> queues;

    void start(@Observes StartupEvent event) {
        queues.forEach(this::schedule);
    }

    private <T> void schedule(Queue<T> queue) {
        String prefix = "drip.work." + queue.name() + ".";
        Duration interval = config.getOptionalValue(prefix + "poll-interval", Duration.class).orElse(Duration.ofMillis(200));
        int batchSize = config.getOptionalValue(prefix + "batch-size", Integer.class).orElse(200);
        poller.every(queue.name(), interval, () -> drain(queue, batchSize));
    }

    /** Processes due items until none is left or {@code max} were done. */
    <T> Uni<Void> drain(Queue<T> queue, int max) {
        if (max == 0) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        T[] claimed = (T[]) new Object[1];
        return pool.withTransaction(tx -> queue.claim(tx, now).chain(item -> {
                    if (item.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    claimed[0] = item.get();
                    return queue.process(tx, item.get(), now).replaceWith(true);
                }))
                .onFailure().recoverWithUni(failure -> {
                    if (claimed[0] == null) {
                        LOG.warnf("%s: cannot claim due work: %s", queue.name(), failure.getMessage());
                        return Uni.createFrom().item(false);
                    }
                    LOG.errorf(failure, "%s: %s failed; retrying in %s", queue.name(), queue.describe(claimed[0]),
                            FAILURE_BACKOFF);
                    return pool.withTransaction(tx -> queue.postpone(tx, claimed[0], Instant.now().plus(FAILURE_BACKOFF)))
                            .replaceWith(true);
                })
                .chain(more -> more ? drain(queue, max - 1) : Uni.createFrom().voidItem());
    }
}

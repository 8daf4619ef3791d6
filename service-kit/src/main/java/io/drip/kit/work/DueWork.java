package io.drip.kit.work;

import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.TransientFailures;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Works off the due items of every PostgreSQL-backed {@link Queue} bean (durable timers,
 * receipts, segment evaluations) in batches: up to {@code drip.work.<name>.batch-size} (200) items
 * are claimed ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and processed in one
 * transaction, which commits them together. A batch that fails for a transient reason (the
 * database restarting) is left for the next poll; one that fails for another reason is worked
 * off again one item per transaction, so the failing item alone is postponed and the others go
 * on. Each queue is polled every {@code drip.work.<name>.poll-interval} (0.2 s), and drained
 * while its batches come back full. "Now" is the database's ({@link DatabaseClock}), the same for
 * every replica.
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

        /** Claims up to {@code limit} items due at {@code now}, most overdue first. */
        Uni<List<T>> claim(SqlConnection tx, Instant now, int limit);

        Uni<Void> process(SqlConnection tx, T item, Instant now);

        /**
         * Processes the items of a batch in their order, in the claiming transaction; a queue
         * that can apply a batch with set-based statements overrides it.
         */
        default Uni<Void> processAll(SqlConnection tx, List<T> items, Instant now) {
            return InOrder.each(items, item -> process(tx, item, now));
        }

        /** Moves an item whose processing failed to a later time, so it is retried, not spun on. */
        Uni<Void> postpone(SqlConnection tx, T item, Instant until);

        /**
         * Runs once a batch's transaction has committed, outside it, before the next batch: for
         * work that must hold no row lock, such as asking a provider (as slow as a call).
         */
        default Uni<Void> afterCommit(List<T> items) {
            return Uni.createFrom().voidItem();
        }
    }

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    DatabaseClock clock;

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

    /** Processes batches of due items until a batch comes back short of {@code batchSize}. */
    <T> Uni<Void> drain(Queue<T> queue, int batchSize) {
        List<T> claimed = new ArrayList<>();
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> queue.claim(tx, now, batchSize).chain(items -> {
                    claimed.addAll(items);
                    return queue.processAll(tx, items, now);
                })))
                .chain(() -> afterCommit(queue, claimed))
                .replaceWith(() -> claimed.size() == batchSize)
                .onFailure().recoverWithUni(failure -> {
                    if (claimed.isEmpty() || TransientFailures.isTransient(failure)) {
                        LOG.warnf("%s: cannot work off due items now: %s", queue.name(), failure.getMessage());
                        return Uni.createFrom().item(false);
                    }
                    LOG.warnf("%s: a batch of %d failed (%s); working them off one at a time", queue.name(),
                            claimed.size(), failure.getMessage());
                    return oneAtATime(queue, claimed.size()).replaceWith(false);
                })
                .chain(full -> full ? drain(queue, batchSize) : Uni.createFrom().voidItem());
    }

    /** A failure after the commit is the queue's to handle later (the batch itself is done). */
    private static <T> Uni<Void> afterCommit(Queue<T> queue, List<T> committed) {
        if (committed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return queue.afterCommit(committed).onFailure().recoverWithItem(failure -> {
            LOG.warnf("%s: after a batch of %d: %s", queue.name(), committed.size(), failure.getMessage());
            return null;
        });
    }

    /** Processes up to {@code max} due items, one per transaction; one that fails is postponed. */
    private <T> Uni<Void> oneAtATime(Queue<T> queue, int max) {
        if (max == 0) {
            return Uni.createFrom().voidItem();
        }
        List<T> claimed = new ArrayList<>();
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> queue.claim(tx, now, 1).chain(items -> {
                    claimed.addAll(items);
                    return queue.processAll(tx, items, now);
                })))
                .chain(() -> afterCommit(queue, claimed))
                .replaceWith(() -> !claimed.isEmpty())
                .onFailure().recoverWithUni(failure -> {
                    if (claimed.isEmpty()) {
                        LOG.warnf("%s: cannot claim due work: %s", queue.name(), failure.getMessage());
                        return Uni.createFrom().item(false);
                    }
                    T item = claimed.get(0);
                    LOG.errorf(failure, "%s: %s failed; retrying in %s", queue.name(), queue.describe(item), FAILURE_BACKOFF);
                    return pool.withTransaction(tx -> clock.now(tx)
                                    .chain(now -> queue.postpone(tx, item, now.plus(FAILURE_BACKOFF))))
                            .replaceWith(true);
                })
                .chain(more -> more ? oneAtATime(queue, max - 1) : Uni.createFrom().voidItem());
    }
}

package io.drip.kit.work;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Works off due items of a PostgreSQL-backed queue (durable timers, outgoing messages), one
 * transaction per item: the claim ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work)
 * and the processing commit together, and one failing item cannot hold back the others.
 */
@ApplicationScoped
public class DueWork {
    private static final Logger LOG = Logger.getLogger(DueWork.class);

    @Inject
    Pool pool;

    /** How to claim, process and postpone the items of one queue. */
    public interface Queue<T> {
        /** Claims the most overdue item at {@code now}, if any. */
        Uni<Optional<T>> claim(SqlConnection tx, Instant now);

        Uni<Void> process(SqlConnection tx, T item, Instant now);

        /** Moves an item whose processing failed to a later time, so it is retried, not spun on. */
        Uni<Void> postpone(SqlConnection tx, T item, Instant until);
    }

    /** Processes due items until none is left or {@code max} were done. */
    public <T> Uni<Void> drain(Queue<T> queue, int max, Duration failureBackoff) {
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
                        LOG.warnf("cannot claim due work: %s", failure.getMessage());
                        return Uni.createFrom().item(false);
                    }
                    LOG.errorf(failure, "%s failed; retrying in %s", claimed[0], failureBackoff);
                    return pool.withTransaction(tx -> queue.postpone(tx, claimed[0], Instant.now().plus(failureBackoff)))
                            .replaceWith(true);
                })
                .chain(more -> more ? drain(queue, max - 1, failureBackoff) : Uni.createFrom().voidItem());
    }
}

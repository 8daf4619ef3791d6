package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit: clicks that arrive together are written in one PostgreSQL transaction (click
 * rows and their drip.clicks.v1 outbox rows), and each caller's Uni completes when its batch
 * has committed. A batch starts as soon as a writer is free, so a lone click waits for nothing
 * but its own commit, and under load one commit carries many clicks. Kafka is never waited on:
 * the outbox relay publishes later, after restarts and broker outages too.
 */
@ApplicationScoped
public class ClickWriter {

    private record Pending(ClickAttempt attempt, UniEmitter<? super Click> done) {
    }

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    Deliveries deliveries;

    @ConfigProperty(name = "drip.tracking.click-batch-size")
    int batchSize;

    @ConfigProperty(name = "drip.tracking.click-writers")
    int writers;

    @ConfigProperty(name = "drip.tracking.min-human-delay")
    Duration minHumanDelay;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger busyWriters = new AtomicInteger();

    /** Records the click; the item is the click as published, once it is durable. */
    public Uni<Click> write(ClickAttempt attempt) {
        return Uni.createFrom().emitter(done -> {
            queue.add(new Pending(attempt, done));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int busy = busyWriters.get();
            if (busy >= writers) {
                return; // a busy writer drains again when its batch is done
            }
            if (!busyWriters.compareAndSet(busy, busy + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < batchSize && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                busyWriters.decrementAndGet();
                continue;
            }
            pool.withTransaction(tx -> commit(tx, batch)).subscribe().with(clicks -> {
                finished();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(clicks.get(i));
                }
            }, failure -> {
                finished();
                batch.forEach(pending -> pending.done().fail(failure));
            });
        }
    }

    private void finished() {
        busyWriters.decrementAndGet();
        drain();
    }

    private Uni<List<Click>> commit(SqlConnection tx, List<Pending> batch) {
        var messageIds = batch.stream().map(p -> p.attempt().link().messageId()).collect(Collectors.toSet());
        return deliveries.deliveredAt(tx, messageIds).chain(delivered -> {
            List<Tuple> rows = new ArrayList<>(batch.size());
            List<Click> clicks = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                ClickAttempt attempt = pending.attempt();
                String reason = attempt.botReasonGiven(delivered.get(attempt.link().messageId()), minHumanDelay);
                Click click = attempt.toClick(reason);
                rows.add(Tuple.from(new Object[] {click.clickId(), click.code(), click.at().atOffset(ZoneOffset.UTC),
                        click.ip(), click.userAgent(), attempt.method(), click.device(), attempt.agent().os(),
                        attempt.agent().browser(), click.bot(), reason}));
                clicks.add(click);
            }
            return tx.preparedQuery("""
                            insert into click (click_id, code, at, ip, user_agent, method, device, os, browser, bot,
                              bot_reason) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                    .executeBatch(rows)
                    // one round trip for all outbox rows: the client pipelines them on the connection
                    .chain(() -> Uni.join().all(clicks.stream()
                            .map(click -> outbox.add(tx, Topics.CLICKS, click.contactId(), click)).toList())
                            .andFailFast())
                    .replaceWith(clicks);
        });
    }
}

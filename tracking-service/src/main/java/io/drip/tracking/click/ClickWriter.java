package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.tracking.metrics.TrackingMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes clicks to PostgreSQL (click rows and their {@code click_batch} row, one transaction per
 * batch) without making the redirect wait, while fewer than {@code click-buffer} clicks are in
 * memory, not yet committed. A batch starts as soon as a writer is free, so clicks stay in memory
 * for about one commit; under load one commit carries many clicks. When the buffer is full,
 * redirects wait for their own commit (memory stays bounded and a slow PostgreSQL slows the
 * redirects instead of losing clicks). A failed batch is retried; a graceful shutdown writes
 * every click still in memory. Kafka is never waited on: {@link ClickPublisher} publishes each
 * committed batch in the background.
 */
@ApplicationScoped
public class ClickWriter {
    private static final Logger LOG = Logger.getLogger(ClickWriter.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** A click not committed yet; {@code waiting} is its redirect if that waits for the commit. */
    private record Pending(ClickAttempt attempt, UniEmitter<? super Void> waiting) {
    }

    /** A batch as committed: the clicks to publish, or none if an earlier try had committed it. */
    private record Committed(long batchId, List<Click> clicks, List<String> traceparents) {
    }

    @Inject
    Pool pool;

    @Inject
    ClickPublisher publisher;

    @Inject
    Deliveries deliveries;

    @Inject
    TrackingMetrics metrics;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "drip.tracking.click-batch-size")
    int batchSize;

    @ConfigProperty(name = "drip.tracking.click-writers")
    int writers;

    @ConfigProperty(name = "drip.tracking.click-buffer")
    int buffer;

    @ConfigProperty(name = "drip.tracking.click-write-timeout")
    Duration writeTimeout;

    @ConfigProperty(name = "drip.tracking.click-synchronous-commit")
    boolean synchronousCommit;

    @ConfigProperty(name = "drip.tracking.min-human-delay")
    Duration minHumanDelay;

    @ConfigProperty(name = "quarkus.shutdown.timeout")
    Duration shutdownTimeout;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger busyWriters = new AtomicInteger();
    /** Clicks accepted and not committed yet: queued or in a transaction. */
    private final AtomicInteger inMemory = new AtomicInteger();
    private volatile long pausedUntil = System.nanoTime();

    /**
     * Takes the click into memory if the buffer has room: the redirect can answer at once. False
     * when it is full: call {@link #writeAndWait} instead.
     */
    public boolean offer(ClickAttempt attempt) {
        if (inMemory.incrementAndGet() > buffer) {
            inMemory.decrementAndGet();
            return false;
        }
        queue.add(new Pending(attempt, null));
        drain();
        return true;
    }

    /**
     * Records the click and completes when it has committed, or fails after
     * {@code click-write-timeout} (the click stays queued and is written later). Beyond four
     * buffers' worth (or four batches' with a smaller buffer) the click is refused: memory is
     * bounded.
     */
    public Uni<Void> writeAndWait(ClickAttempt attempt) {
        if (inMemory.incrementAndGet() > 4 * Math.max(buffer, batchSize)) {
            int held = inMemory.decrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException(held + " clicks waiting for PostgreSQL"));
        }
        return Uni.createFrom().<Void>emitter(waiting -> {
            queue.add(new Pending(attempt, waiting));
            drain();
        }).ifNoItem().after(writeTimeout).fail();
    }

    /** Clicks accepted but not committed yet. */
    public int inMemory() {
        return inMemory.get();
    }

    private void drain() {
        while (!queue.isEmpty() && System.nanoTime() - pausedUntil >= 0) {
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
            pool.withTransaction(tx -> commit(tx, batch)).subscribe().with(committed -> {
                inMemory.addAndGet(-batch.size());
                busyWriters.decrementAndGet();
                batch.stream().filter(p -> p.waiting() != null).forEach(p -> p.waiting().complete(null));
                if (!committed.clicks().isEmpty()) {
                    publisher.publishCommitted(committed.batchId(), committed.clicks(), committed.traceparents());
                }
                drain();
            }, failure -> {
                LOG.warnf("writing %d clicks failed, retrying in %s: %s", batch.size(), RETRY_AFTER, failure.toString());
                queue.addAll(batch);
                pausedUntil = System.nanoTime() + RETRY_AFTER.toNanos();
                busyWriters.decrementAndGet();
                vertx.setTimer(RETRY_AFTER.toMillis(), timer -> drain());
            });
        }
    }

    private Uni<Committed> commit(SqlConnection tx, List<Pending> batch) {
        // off: the commit returns before its WAL is flushed (docs/tracking.md, durability)
        Uni<Void> begin = synchronousCommit ? Uni.createFrom().voidItem()
                : tx.query("set local synchronous_commit = off").execute().replaceWithVoid();
        var messageIds = batch.stream().map(p -> p.attempt().link().messageId()).collect(Collectors.toSet());
        return begin.chain(() -> deliveries.deliveredAt(tx, messageIds)).chain(delivered -> {
            int n = batch.size();
            List<Click> clicks = new ArrayList<>(n);
            List<String> traceparents = new ArrayList<>(n);
            UUID[] ids = new UUID[n];
            String[] codes = new String[n], ips = new String[n], agents = new String[n], methods = new String[n],
                    devices = new String[n], oses = new String[n], browsers = new String[n], reasons = new String[n],
                    countries = new String[n];
            OffsetDateTime[] times = new OffsetDateTime[n];
            Boolean[] bots = new Boolean[n];
            for (int i = 0; i < n; i++) {
                ClickAttempt attempt = batch.get(i).attempt();
                String reason = attempt.botReasonGiven(delivered.get(attempt.link().messageId()), minHumanDelay);
                Click click = attempt.toClick(reason);
                clicks.add(click);
                traceparents.add(attempt.link().traceparent());
                ids[i] = attempt.clickId();
                codes[i] = click.code();
                times[i] = click.at().atOffset(ZoneOffset.UTC);
                ips[i] = click.ip();
                agents[i] = click.userAgent();
                methods[i] = attempt.method();
                devices[i] = click.device();
                oses[i] = attempt.agent().os();
                browsers[i] = attempt.agent().browser();
                bots[i] = click.bot();
                reasons[i] = reason;
                countries[i] = click.country();
            }
            // on conflict: a batch retried after a commit whose answer was lost adds nothing twice
            // (and its first try's click_batch row publishes it)
            return tx.preparedQuery("""
                            insert into click (click_id, code, at, ip, user_agent, method, device, os, browser, bot,
                              bot_reason, country)
                            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[],
                              $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[])
                            on conflict (click_id) do nothing""")
                    .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(codes)
                            .addArrayOfOffsetDateTime(times).addArrayOfString(ips).addArrayOfString(agents)
                            .addArrayOfString(methods).addArrayOfString(devices).addArrayOfString(oses)
                            .addArrayOfString(browsers).addArrayOfBoolean(bots).addArrayOfString(reasons)
                            .addArrayOfString(countries))
                    .chain(inserted -> {
                        if (inserted.rowCount() == 0) {
                            return Uni.createFrom().item(new Committed(0, List.of(), List.of()));
                        }
                        for (String reason : reasons) {
                            metrics.recorded(reason);
                        }
                        return tx.preparedQuery("insert into click_batch (click_ids) values ($1) returning id")
                                .execute(Tuple.of(ids))
                                .map(rows -> new Committed(rows.iterator().next().getLong(0), clicks, traceparents));
                    });
        });
    }

    /**
     * Runs once the HTTP server has stopped taking requests: writes what is still in memory and
     * publishes it, so a graceful restart loses no click and publishes none twice.
     */
    void flush(@Observes ShutdownEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        pausedUntil = System.nanoTime();
        drain();
        while (inMemory.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        if (inMemory.get() > 0) {
            LOG.errorf("%d clicks not written to PostgreSQL before shutdown", inMemory.get());
        } else {
            LOG.info("every click is written to PostgreSQL");
        }
        publisher.close(deadline);
    }
}

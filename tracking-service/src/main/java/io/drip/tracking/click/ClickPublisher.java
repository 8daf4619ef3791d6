package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts committed clicks on drip.clicks.v1. A batch of clicks commits with its {@code click_batch}
 * row (tracking-service's outbox for clicks); this publishes the batch at once, from memory, and
 * deletes the row when the broker has acknowledged every click. If publishing fails, or the
 * service stops first, the row stays and {@link ClickRecovery} publishes the batch again from
 * PostgreSQL. Its own producer and thread: a record per click through the messaging layer cost
 * more than the redirect itself, and a producer may block while the broker is away, which the
 * event loop must never do.
 */
@ApplicationScoped
public class ClickPublisher {
    private static final Logger LOG = Logger.getLogger(ClickPublisher.class);
    private static final String TRACEPARENT = "traceparent";
    /** Batches waiting for the publisher thread; beyond this, their rows wait for ClickRecovery. */
    private static final int QUEUED_BATCHES = 256;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    Pool pool;

    @ConfigProperty(name = "drip.tracking.click-publish-timeout")
    Duration publishTimeout;

    private KafkaProducer<String, byte[]> producer;
    private ThreadPoolExecutor publisherThread;
    /** click_batch rows being published by this instance, which ClickRecovery leaves alone. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tracking-clicks");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publishTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, publishTimeout.toMillis() / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishTimeout.toMillis());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        publisherThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_BATCHES),
                runnable -> new Thread(runnable, "click-publisher"));
    }

    /**
     * Publishes a batch just committed with its {@code click_batch} row {@code batchId}, in the
     * background; deletes the row once all is acknowledged. Never blocks.
     *
     * @param traceparents per click, the trace it continues (its link's), null where none
     */
    public void publishCommitted(long batchId, List<Click> clicks, List<String> traceparents) {
        inFlight.add(batchId);
        publish(clicks, traceparents).whenComplete((published, failure) -> {
            if (failure != null) {
                inFlight.remove(batchId);
                LOG.warnf("%d clicks not published yet, ClickRecovery will: %s", clicks.size(), failure.toString());
                return;
            }
            pool.preparedQuery("delete from click_batch where id = $1").execute(Tuple.of(batchId))
                    .subscribe().with(deleted -> inFlight.remove(batchId), deleteFailure -> {
                        inFlight.remove(batchId);
                        LOG.warnf("click batch %d published, its row not deleted (it will be published again): %s",
                                batchId, deleteFailure.toString());
                    });
        });
    }

    /** Completes when the broker has acknowledged every click, or with the first failure. */
    CompletableFuture<Void> publish(List<Click> clicks, List<String> traceparents) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            publisherThread.execute(() -> send(clicks, traceparents, acknowledged));
        } catch (RejectedExecutionException busy) {
            acknowledged.completeExceptionally(new IllegalStateException(
                    QUEUED_BATCHES + " click batches are waiting for Kafka", busy));
        }
        return acknowledged;
    }

    private void send(List<Click> clicks, List<String> traceparents, CompletableFuture<Void> acknowledged) {
        AtomicInteger waiting = new AtomicInteger(clicks.size());
        for (int i = 0; i < clicks.size() && !acknowledged.isDone(); i++) {
            Click click = clicks.get(i);
            var record = new ProducerRecord<>(Topics.CLICKS, click.contactId(), MessageJson.writeBytes(click));
            if (traceparents.get(i) != null) {
                // the click continues the trace of the send command that registered its link
                record.headers().add(TRACEPARENT, traceparents.get(i).getBytes(StandardCharsets.US_ASCII));
            }
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        acknowledged.completeExceptionally(failure);
                    } else if (waiting.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            } catch (RuntimeException failure) { // no metadata in max.block.ms, buffer full, closed
                acknowledged.completeExceptionally(failure);
            }
        }
    }

    /** The click_batch rows this instance is publishing right now. */
    Long[] publishing() {
        return inFlight.toArray(new Long[0]);
    }

    /**
     * At shutdown, after the last clicks are committed: publishes what is queued and waits, at
     * most until {@code deadlineNanos}, for the acknowledgements and the rows' deletion, so that a
     * graceful restart publishes nothing twice. What is left is published by the next instance.
     */
    void close(long deadlineNanos) throws InterruptedException {
        publisherThread.shutdown();
        publisherThread.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        while (!inFlight.isEmpty() && System.nanoTime() - deadlineNanos < 0) {
            Thread.sleep(10);
        }
        producer.close(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        if (!inFlight.isEmpty()) {
            LOG.warnf("%d click batches not confirmed published at shutdown; the next start publishes them",
                    inFlight.size());
        }
    }
}

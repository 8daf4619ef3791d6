package io.drip.kit.consume;

import io.drip.contracts.MalformedMessageException;
import io.drip.kit.metrics.ConsumedRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies a batch of Kafka records (SmallRye Kafka's batch mode) in one PostgreSQL transaction
 * and acknowledges it when that transaction has committed, so an offset never moves past work
 * that is not stored.
 *
 * <ul>
 * <li>A record that cannot be read (unparseable, fails its schema) goes to the channel's DLQ
 * alone, with the reason; the rest of the batch is applied.</li>
 * <li>A batch that fails for a transient reason ({@link TransientFailures}) is retried with
 * backoff, for as long as it takes: its partitions stay paused behind it, {@link ConsumerHealth}
 * reports the channel not ready, and nothing is dead-lettered.</li>
 * <li>A batch that fails otherwise is split in halves, applied in order, until the record that
 * fails alone is found: that record goes to the DLQ, the others are applied.</li>
 * <li>A replica that is stopping neither retries nor acknowledges: what it has not committed is
 * left to the partition's next owner.</li>
 * </ul>
 */
@ApplicationScoped
public class RecordBatches {
    private static final Logger LOG = Logger.getLogger(RecordBatches.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Reads a record into what the batch applies: null to skip it; throws if the record is poison. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Message<String> record);
    }

    /** Applies the items read from a batch, in record order, inside the given transaction. */
    @FunctionalInterface
    public interface Applier<T> {
        Uni<Void> apply(SqlConnection tx, List<T> items);
    }

    private record Item<T>(T value, Message<String> record) {
    }

    private final Pool pool;
    private final ConsumerHealth health;
    private final ConsumedRecords counts;
    private volatile boolean stopping;

    @Inject
    public RecordBatches(Pool pool, ConsumerHealth health, ConsumedRecords counts) {
        this.pool = pool;
        this.health = health;
        this.counts = counts;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Applies the batch a channel in batch mode delivers ({@code Message<List<String>>}, possibly
     * wrapped by interceptors: its records come from its metadata).
     */
    public <T> CompletionStage<Void> apply(String channel, Message<List<String>> batch, Reader<T> reader,
            Applier<T> applier) {
        List<Message<String>> records = recordsOf(batch);
        String topic = records.isEmpty() ? "unknown" : ConsumedRecords.topicOf(records.get(0));
        counts.batch(topic, records.size());
        Applying<T> applying = new Applying<>(channel, topic, applier, Vertx.currentContext());
        List<Item<T>> items = new ArrayList<>();
        for (Message<String> record : records) {
            Optional<String> notUtf8 = Utf8Values.problem(record);
            if (notUtf8.isPresent()) {
                applying.deadLetter(record, new MalformedMessageException(notUtf8.get()));
                continue;
            }
            try {
                T value = reader.read(record);
                if (value != null) {
                    items.add(new Item<>(value, record));
                }
            } catch (RuntimeException poison) {
                applying.deadLetter(record, poison);
            }
        }
        return applying.all(items, FIRST_BACKOFF).subscribeAsCompletionStage()
                .thenCompose(applied -> applying.deadLettered())
                .thenCompose(dead -> batch.ack())
                .thenRun(() -> applying.countApplied(records.size()));
    }

    @SuppressWarnings("unchecked")
    private static List<Message<String>> recordsOf(Message<List<String>> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(metadata -> (List<Message<String>>) (List<?>) metadata.getBatchedMessages())
                .orElseThrow(() -> new IllegalStateException("not a Kafka batch: set batch=true on the channel"));
    }

    /** The record's key (contactId on Drip's topics). */
    public static String keyOf(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(metadata -> (String) metadata.getKey())
                .orElse(null);
    }

    /** One batch on its way: where it runs, and which of its records went to the DLQ. */
    private final class Applying<T> {
        private final String channel;
        private final String topic;
        private final Applier<T> applier;
        private final Context context;
        private final List<CompletableFuture<Void>> deadLetters = new ArrayList<>();

        Applying(String channel, String topic, Applier<T> applier, Context context) {
            this.channel = channel;
            this.topic = topic;
            this.applier = applier;
            this.context = context;
        }

        Uni<Void> all(List<Item<T>> items, Duration backoff) {
            if (items.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return pool.withTransaction(tx -> applier.apply(tx, items.stream().map(Item::value).toList()))
                    .invoke(() -> health.applied(channel))
                    .onFailure().recoverWithUni(failure -> {
                        if (stopping) {
                            // neither retried nor acknowledged: the partition's next owner applies it
                            return Uni.createFrom().nothing();
                        }
                        if (TransientFailures.isTransient(failure)) {
                            health.retrying(channel, failure);
                            LOG.warnf("%s: a batch of %d records failed for a transient reason (%s); retrying in %d ms",
                                    channel, items.size(), failure.getMessage(), backoff.toMillis());
                            return later(backoff).chain(() -> all(items, longer(backoff)));
                        }
                        if (items.size() == 1) {
                            Message<String> record = items.get(0).record();
                            LOG.errorf(failure, "%s: the record at %s fails alone; to the DLQ", channel, where(record));
                            deadLetter(record, failure);
                            return Uni.createFrom().voidItem();
                        }
                        int half = items.size() / 2;
                        return all(items.subList(0, half), FIRST_BACKOFF)
                                .chain(() -> all(items.subList(half, items.size()), FIRST_BACKOFF));
                    });
        }

        void deadLetter(Message<String> record, Throwable reason) {
            // the dead-letter-queue failure strategy sends it, the reason in its headers
            deadLetters.add(record.nack(reason).toCompletableFuture());
            counts.failed(topic);
        }

        CompletionStage<Void> deadLettered() {
            return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new));
        }

        void countApplied(int records) {
            counts.processed(topic, records - deadLetters.size());
        }

        /** Completes after the delay, back on the consumer's Vert.x context (the SQL client expects it). */
        private Uni<Void> later(Duration delay) {
            Uni<Void> delayed = Uni.createFrom().voidItem().onItem().delayIt().by(delay);
            return context == null ? delayed : delayed.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
    }

    private static Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static String where(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getTopic() + "-" + metadata.getPartition() + "@" + metadata.getOffset())
                .orElse("an unknown offset");
    }
}

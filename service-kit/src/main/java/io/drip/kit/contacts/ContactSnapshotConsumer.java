package io.drip.kit.contacts;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MalformedMessageException;
import io.drip.kit.consume.ConsumerHealth;
import io.drip.kit.consume.TransientFailures;
import io.drip.kit.consume.Utf8Values;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds {@link ContactSnapshots} from the {@code contacts} channel, in the services that set
 * {@code drip.contacts.projection=true} (and configure that channel and Flyway's db/contacts).
 *
 * <p>Snapshots are stored many per transaction: each record is taken at once and acknowledged
 * when the transaction that stored it commits, and the Kafka offset moves only past acknowledged
 * records. A bulk import therefore costs a few hundred snapshots per commit, not one: one commit
 * after another had put minutes of snapshots before a later opt-out. Records of one contact keep
 * their order: a batch keeps each contact's newest version, and a tombstone waits until everything
 * before it is stored, then runs alone, in its record's trace, before the next record is taken. A
 * malformed record goes to the DLQ at once. A batch that fails for a transient reason (the
 * database restarting) is stored again after a pause, for as long as it takes, and the consumer is
 * reported not ready meanwhile; one that fails otherwise takes its records to the DLQ. A replica
 * that is stopping leaves what it has not stored to the partition's next owner.
 */
@ApplicationScoped
@IfBuildProperty(name = "drip.contacts.projection", stringValue = "true")
public class ContactSnapshotConsumer {
    private static final Logger LOG = Logger.getLogger(ContactSnapshotConsumer.class);
    private static final String CHANNEL = "contacts";
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private record Taken(ContactSnapshot snapshot, Message<String> record) {
    }

    @Inject
    Pool pool;

    @Inject
    ContactSnapshots contacts;

    @Inject
    ConsumerHealth health;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "drip.contacts.batch-size")
    int batchSize;

    private volatile boolean stopping;

    // guarded by this
    private final List<Taken> waiting = new ArrayList<>();
    private boolean storing;
    /** Completes when the transaction under way ends. */
    private CompletableFuture<Void> stored = new CompletableFuture<>();

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> record) {
        ContactSnapshot snapshot;
        try {
            Optional<String> notUtf8 = Utf8Values.problem(record);
            if (notUtf8.isPresent()) {
                throw new MalformedMessageException(notUtf8.get());
            }
            snapshot = contacts.read(keyOf(record), record.getPayload());
        } catch (RuntimeException malformed) {
            return record.nack(malformed);
        }
        if (snapshot == null) {
            return eraseAfterWhatCameBefore(record);
        }
        synchronized (this) {
            waiting.add(new Taken(snapshot, record));
        }
        storeNext();
        return roomForMore();
    }

    private static String keyOf(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(metadata -> (String) metadata.getKey())
                .orElse(null);
    }

    private void storeNext() {
        List<Taken> batch;
        synchronized (this) {
            if (storing || waiting.isEmpty()) {
                return;
            }
            storing = true;
            List<Taken> first = waiting.subList(0, Math.min(batchSize, waiting.size()));
            batch = new ArrayList<>(first);
            first.clear();
        }
        pool.withTransaction(tx -> contacts.storeAll(tx, batch.stream().map(Taken::snapshot).toList()))
                .subscribe().with(committed -> ended(batch, null), failure -> ended(batch, failure));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void ended(List<Taken> batch, Throwable failure) {
        if (failure != null && (stopping || TransientFailures.isTransient(failure))) {
            retryLater(batch, failure);
            return;
        }
        if (failure == null) {
            health.applied(CHANNEL);
        }
        for (Taken taken : batch) {
            if (failure == null) {
                taken.record().ack();
            } else {
                taken.record().nack(failure);
            }
        }
        CompletableFuture<Void> ended;
        synchronized (this) {
            storing = false;
            ended = stored;
            stored = new CompletableFuture<>();
        }
        ended.complete(null);
        storeNext();
    }

    /** Puts the batch back in front and stores it again after a pause; a stopping replica leaves it unacknowledged. */
    private void retryLater(List<Taken> batch, Throwable failure) {
        if (stopping) {
            return;
        }
        health.retrying(CHANNEL, failure);
        LOG.warnf("contacts: storing %d snapshots failed for a transient reason (%s); retrying in %s", batch.size(),
                failure.getMessage(), RETRY_PAUSE);
        synchronized (this) {
            waiting.addAll(0, batch);
        }
        vertx.setTimer(RETRY_PAUSE.toMillis(), timer -> {
            synchronized (this) {
                storing = false;
            }
            storeNext();
        });
    }

    /** Memory stays bounded: beyond two batches waiting, the next record waits for a commit. */
    private synchronized CompletionStage<Void> roomForMore() {
        return waiting.size() < 2 * batchSize ? CompletableFuture.completedFuture(null) : stored;
    }

    private synchronized CompletionStage<Void> allStored() {
        return !storing && waiting.isEmpty() ? CompletableFuture.completedFuture(null)
                : stored.thenCompose(ended -> allStored());
    }

    private CompletionStage<Void> eraseAfterWhatCameBefore(Message<String> record) {
        CompletableFuture<Void> erased = new CompletableFuture<>();
        // on the record's context, so that what the erasure writes continues the record's trace
        Context context = Vertx.currentContext();
        allStored().thenRun(context == null ? () -> erase(record, erased, null)
                : () -> context.runOnContext(ignored -> erase(record, erased, context)));
        return erased;
    }

    private void erase(Message<String> record, CompletableFuture<Void> erased, Context context) {
        pool.withTransaction(tx -> contacts.erase(tx, keyOf(record))).subscribe().with(
                committed -> {
                    health.applied(CHANNEL);
                    record.ack().whenComplete((done, failure) -> erased.complete(null));
                },
                failure -> {
                    if (stopping) {
                        return; // left unacknowledged, to the partition's next owner
                    }
                    if (!TransientFailures.isTransient(failure)) {
                        record.nack(failure).whenComplete((done, nackFailure) -> erased.complete(null));
                        return;
                    }
                    health.retrying(CHANNEL, failure);
                    LOG.warnf("contacts: an erasure failed for a transient reason (%s); retrying in %s",
                            failure.getMessage(), RETRY_PAUSE);
                    vertx.setTimer(RETRY_PAUSE.toMillis(), timer -> {
                        if (context == null) {
                            erase(record, erased, null);
                        } else {
                            context.runOnContext(ignored -> erase(record, erased, context));
                        }
                    });
                });
    }
}

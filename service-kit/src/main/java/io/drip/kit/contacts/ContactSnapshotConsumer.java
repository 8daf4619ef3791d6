package io.drip.kit.contacts;

import io.drip.contracts.ContactSnapshot;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

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
 * malformed record goes to the DLQ at once; a batch whose transaction fails takes its records
 * there.
 */
@ApplicationScoped
@IfBuildProperty(name = "drip.contacts.projection", stringValue = "true")
public class ContactSnapshotConsumer {
    private record Taken(ContactSnapshot snapshot, Message<String> record) {
    }

    @Inject
    Pool pool;

    @Inject
    ContactSnapshots contacts;

    @ConfigProperty(name = "drip.contacts.batch-size")
    int batchSize;

    // guarded by this
    private final List<Taken> waiting = new ArrayList<>();
    private boolean storing;
    /** Completes when the transaction under way ends. */
    private CompletableFuture<Void> stored = new CompletableFuture<>();

    @Incoming("contacts")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> record) {
        ContactSnapshot snapshot;
        try {
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

    private void ended(List<Taken> batch, Throwable failure) {
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
        Runnable erase = () -> pool.withTransaction(tx -> contacts.erase(tx, keyOf(record))).subscribe().with(
                committed -> record.ack().whenComplete((done, failure) -> erased.complete(null)),
                failure -> record.nack(failure).whenComplete((done, nackFailure) -> erased.complete(null)));
        // on the record's context, so that what the erasure writes continues the record's trace
        Context context = Vertx.currentContext();
        allStored().thenRun(context == null ? erase : () -> context.runOnContext(ignored -> erase.run()));
        return erased;
    }
}

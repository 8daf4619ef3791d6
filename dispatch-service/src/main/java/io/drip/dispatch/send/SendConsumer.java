package io.drip.dispatch.send;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ErasedContacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Queues send commands, a batch of records in one statement ({@link RecordBatches}: a malformed
 * command to the DLQ alone, transient failures retried); the {@link Dispatcher} sends them when
 * their time has come. A command queued before (same idempotency key or message id) is ignored. A
 * command of a contact erased after it was made is kept without personal data and suppressed
 * ({@link ErasedContactSends}), found for the whole batch in one query.
 */
@ApplicationScoped
public class SendConsumer {
    private static final Logger LOG = Logger.getLogger(SendConsumer.class);

    @Inject
    RecordBatches batches;

    @Inject
    OutgoingMessages outgoing;

    @Inject
    ErasedContacts erased;

    @Inject
    DatabaseClock clock;

    @Inject
    ErasedContactSends erasedSends;

    @Incoming("sends")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("sends", batch,
                record -> Traced.of(MessageJson.read(record.getPayload(), SendCommand.class), record),
                (tx, commands) -> clock.now(tx).chain(now -> erased.split(tx, commands,
                                command -> command.message().contactId(), command -> command.message().createdAt())
                        .call(split -> erasedSends.suppressAll(tx, split.erased(), now))
                        .chain(split -> outgoing.acceptAll(tx, split.kept(), now).invoke(queued -> {
                            if (queued < split.kept().size()) {
                                LOG.debugf("%d of %d send commands were queued before; ignored",
                                        split.kept().size() - queued, split.kept().size());
                            }
                        }))
                        .replaceWithVoid()));
    }
}

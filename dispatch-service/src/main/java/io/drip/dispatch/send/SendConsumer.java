package io.drip.dispatch.send;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Queues send commands; the {@link DispatchWorker} sends them when their time has come. */
@ApplicationScoped
public class SendConsumer {
    private static final Logger LOG = Logger.getLogger(SendConsumer.class);

    @Inject
    Pool pool;

    @Inject
    OutgoingMessages outgoing;

    @Incoming("sends")
    public Uni<Void> consume(String record) {
        SendCommand command = MessageJson.read(record, SendCommand.class);
        return pool.withTransaction(tx -> outgoing.accept(tx, command, Instant.now()))
                .invoke(accepted -> {
                    if (!accepted) {
                        LOG.debugf("send %s (key %s) was queued before; ignored", command.messageId(),
                                command.idempotencyKey());
                    }
                })
                .replaceWithVoid();
    }
}

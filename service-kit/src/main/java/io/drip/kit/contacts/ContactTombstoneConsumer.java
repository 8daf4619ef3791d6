package io.drip.kit.contacts;

import io.drip.contracts.MalformedMessageException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads only the erasures (tombstones) of the {@code contacts} channel, for services that hold
 * data about contacts but need no snapshot of them ({@code drip.contacts.tombstones=true}); the
 * snapshots themselves are skipped, so no personal data of them is copied.
 */
@ApplicationScoped
@IfBuildProperty(name = "drip.contacts.tombstones", stringValue = "true")
public class ContactTombstoneConsumer {

    @Inject
    Pool pool;

    @Inject
    ContactErasures erasures;

    @Incoming("contacts")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new MalformedMessageException("a contact record needs the contactId as its key");
        }
        if (record.value() != null) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> erasures.erase(tx, record.key()));
    }
}

package io.drip.kit.contacts;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link ContactSnapshots} from the {@code contacts} channel, in the services that set
 * {@code drip.contacts.projection=true} (and configure that channel and Flyway's db/contacts).
 */
@ApplicationScoped
@IfBuildProperty(name = "drip.contacts.projection", stringValue = "true")
public class ContactSnapshotConsumer {

    @Inject
    Pool pool;

    @Inject
    ContactSnapshots contacts;

    @Incoming("contacts")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return pool.withTransaction(tx -> contacts.apply(tx, record));
    }
}

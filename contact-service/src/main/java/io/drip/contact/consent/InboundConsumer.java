package io.drip.contact.consent;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Inbound SMS from {@code drip.inbound.v1}, once per inbound id: {@link KeywordConsent} does what
 * their keyword asks.
 */
@ApplicationScoped
public class InboundConsumer {

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    ContactRepository contacts;

    @Inject
    KeywordConsent keywords;

    @Incoming("inbound")
    public Uni<Void> consume(String record) {
        InboundSms sms = MessageJson.read(record, InboundSms.class);
        return pool.withTransaction(tx -> processed.markFirstTime(tx, "inbound:" + sms.inboundId()).chain(first -> first
                ? contacts.canonicalId(tx, sms.contactId()).chain(id -> keywords.apply(tx, id, sms))
                : Uni.createFrom().voidItem()));
    }
}

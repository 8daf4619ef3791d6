package io.drip.contact.consent;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.outbox.ProcessedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Inbound SMS from {@code drip.inbound.v1}, once per inbound id (a batch's ids marked in one
 * statement), a batch per transaction ({@link RecordBatches}): {@link KeywordConsent} does what
 * their keyword asks, in order.
 */
@ApplicationScoped
public class InboundConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    ProcessedRecords processed;

    @Inject
    ContactRepository contacts;

    @Inject
    KeywordConsent keywords;

    @Incoming("inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("inbound", batch, record -> MessageJson.read(record.getPayload(), InboundSms.class),
                (tx, received) -> processed.firstTime(tx, received, sms -> "inbound:" + sms.inboundId())
                        .chain(fresh -> contacts.canonicalIds(tx, fresh.stream().map(InboundSms::contactId).toList())
                                .chain(merged -> InOrder.each(fresh, sms -> keywords.apply(tx,
                                        merged.getOrDefault(sms.contactId(), sms.contactId()), sms)))));
    }
}

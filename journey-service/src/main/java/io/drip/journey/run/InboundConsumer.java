package io.drip.journey.run;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.kit.consume.RecordBatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes drip.inbound.v1 in batches and hands the SMS contacts sent to {@link RunReplies}, one
 * transaction per batch ({@link RecordBatches}: poison records to the DLQ alone, transient
 * failures retried).
 */
@ApplicationScoped
public class InboundConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    RunReplies replies;

    @Incoming("inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("inbound", batch, record -> MessageJson.read(record.getPayload(), InboundSms.class),
                replies::apply);
    }
}

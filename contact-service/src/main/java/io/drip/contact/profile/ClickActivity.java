package io.drip.contact.profile;

import io.drip.contracts.Click;
import io.drip.contracts.MalformedMessageException;
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
 * A person's click on a short link ({@code drip.clicks.v1}) is activity: it moves the contact's
 * last activity time. Clicks tracking-service flagged as a bot's (link previews, scanners) are
 * not the person's and change nothing. Applying a click twice is harmless (the time only moves forward),
 * so a batch's clicks are applied in one statement, in any order.
 */
@ApplicationScoped
public class ClickActivity {

    @Inject
    RecordBatches batches;

    @Inject
    ContactRepository contacts;

    @Incoming("clicks")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("clicks", batch, record -> {
            Click click = MessageJson.read(record.getPayload(), Click.class);
            if (click.contactId() == null || click.at() == null) {
                throw new MalformedMessageException("a click needs its contactId and at");
            }
            return click.bot() ? null : click;
        }, (tx, clicks) -> contacts.touchAll(tx, clicks.stream()
                .map(click -> new ContactRepository.Activity(click.contactId(), click.at())).toList()));
    }
}

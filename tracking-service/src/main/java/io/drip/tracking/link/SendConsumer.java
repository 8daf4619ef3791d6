package io.drip.tracking.link;

import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ErasedContacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Registers the short links of every send command, a batch of records per transaction ({@link RecordBatches}).
 * The links of a contact erased after its command was made are not registered (found for the whole
 * batch in one query): that message is never sent, and its links would name the person.
 */
@ApplicationScoped
public class SendConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    Links links;

    @Inject
    ErasedContacts erased;

    @ConfigProperty(name = "drip.tracking.link-ttl")
    Duration ttl;

    @ConfigProperty(name = "drip.tracking.utm")
    boolean utmByDefault;

    @Incoming("sends")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("sends", batch, this::linksOf,
                (tx, commands) -> erased.split(tx, commands.stream().flatMap(List::stream).toList(), Link::contactId,
                        Link::createdAt).chain(split -> links.register(tx, split.kept())));
    }

    /** The links of a command (null: it has none); a command with a link that is not a web URL is malformed. */
    private List<Link> linksOf(Message<String> record) {
        SendCommand command = MessageJson.read(record.getPayload(), SendCommand.class);
        if (command.links() == null || command.links().isEmpty()) {
            return null;
        }
        if (command.links().stream().anyMatch(link -> !isWebUrl(link.url()))) {
            throw new MalformedMessageException("every link of a send command needs an http(s) URL with a host");
        }
        Set<String> codes = new HashSet<>();
        for (SendCommand.Link link : command.links()) {
            if (!codes.add(link.code())) {
                // which of the two URLs the code would lead to is an accident of the insert order
                throw new MalformedMessageException("the code '" + link.code() + "' stands twice in the command's links");
            }
        }
        // its clicks continue the send command's trace
        String traceparent = Traced.of(command, record).traceparent();
        return command.links().stream().map(link -> link(command, link, traceparent)).toList();
    }

    private Link link(SendCommand command, SendCommand.Link link, String traceparent) {
        boolean utm = command.utm() == null ? utmByDefault : command.utm();
        return new Link(link.code(), link.url(), utm ? Utm.tag(link.url(), command) : link.url(), command.messageId(),
                command.contactId(), command.journeyId(), command.journeyVersion(), command.stepId(), command.variant(),
                command.createdAt(), command.createdAt().plus(ttl), traceparent);
    }

    /** Only web URLs are ever redirected to, whatever a producer put in a command. */
    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }
}

package io.drip.tracking.link;

import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Registers the short links of every send command. */
@ApplicationScoped
public class SendConsumer {

    @Inject
    Pool pool;

    @Inject
    Links links;

    @ConfigProperty(name = "drip.tracking.link-ttl")
    Duration ttl;

    @ConfigProperty(name = "drip.tracking.utm")
    boolean utmByDefault;

    @Incoming("sends")
    public Uni<Void> consume(String record) {
        SendCommand command = MessageJson.read(record, SendCommand.class);
        if (command.links() == null || command.links().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (command.links().stream().anyMatch(link -> !isWebUrl(link.url()))) {
            throw new MalformedMessageException("every link of a send command needs an http(s) URL with a host");
        }
        List<Link> registered = command.links().stream().map(link -> link(command, link)).toList();
        return pool.withTransaction(tx -> links.register(tx, registered));
    }

    private Link link(SendCommand command, SendCommand.Link link) {
        boolean utm = command.utm() == null ? utmByDefault : command.utm();
        return new Link(link.code(), link.url(), utm ? Utm.tag(link.url(), command) : link.url(), command.messageId(),
                command.contactId(), command.journeyId(), command.journeyVersion(), command.stepId(), command.variant(),
                command.createdAt(), command.createdAt().plus(ttl), Outbox.currentTraceparent());
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

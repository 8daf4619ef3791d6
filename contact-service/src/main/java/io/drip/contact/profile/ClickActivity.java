package io.drip.contact.profile;

import io.drip.contracts.Click;
import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A person's click on a short link ({@code drip.clicks.v1}) is activity: it moves the contact's
 * last activity time. Clicks tracking-service flagged as a bot's (link previews, scanners) are
 * not the person's and change nothing. Applying a click twice is harmless (the time only moves forward).
 */
@ApplicationScoped
public class ClickActivity {

    @Inject
    Pool pool;

    @Inject
    ContactUpdates contacts;

    @Incoming("clicks")
    public Uni<Void> consume(String record) {
        Click click = MessageJson.read(record, Click.class);
        if (click.contactId() == null || click.at() == null) {
            throw new MalformedMessageException("a click needs its contactId and at");
        }
        if (click.bot()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> contacts.touch(tx, click.contactId(), click.at()));
    }
}

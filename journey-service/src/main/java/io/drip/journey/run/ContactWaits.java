package io.drip.journey.run;

import io.drip.journey.run.WaitingEvents.WaitingContact;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.work.DueWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Releases the events held for a contact's snapshot ({@link TrackEvents}): once it has arrived
 * they are applied in their order with it; after {@code drip.runs.contact-wait} without it they
 * are applied without (a trigger whose {@code when} reads the contact then does not fire), logged
 * and counted in {@code drip_journey_contact_waits_total{outcome="expired"}}.
 */
@ApplicationScoped
public class ContactWaits implements DueWork.Queue<WaitingContact> {
    private static final Logger LOG = Logger.getLogger(ContactWaits.class);

    @Inject
    WaitingEvents waiting;

    @Inject
    ContactSnapshots contacts;

    @Inject
    TrackEvents events;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "drip.runs.contact-wait")
    Duration contactWait;

    @Override
    public String name() {
        return "contact-waits";
    }

    @Override
    public String describe(WaitingContact item) {
        return item.ids().size() + " events of contact " + item.contactId();
    }

    @Override
    public Uni<List<WaitingContact>> claim(SqlConnection tx, Instant now, int limit) {
        return waiting.claim(tx, now, limit);
    }

    @Override
    public Uni<Void> process(SqlConnection tx, WaitingContact item, Instant now) {
        return contacts.find(tx, item.contactId()).chain(contact -> {
            boolean expired = now.isAfter(item.waitingSince().plus(contactWait));
            if (contact.isEmpty() && !expired) {
                return waiting.lookAgain(tx, item.contactId(), now.plus(RunAdvancer.CONTACT_RETRY));
            }
            if (contact.isEmpty()) {
                LOG.warnf("contact %s: no snapshot within %s; its %d held events are applied without it "
                        + "(triggers whose condition reads the contact do not fire)", item.contactId(), contactWait,
                        item.ids().size());
            }
            registry.counter("drip.journey.contact.waits", "outcome", contact.isEmpty() ? "expired" : "arrived").increment();
            return events.applyHeld(tx, item.events(), contact.orElse(null), now)
                    .chain(() -> waiting.release(tx, item.ids()));
        });
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, WaitingContact item, Instant until) {
        return waiting.lookAgain(tx, item.contactId(), until);
    }
}

package io.drip.dispatch.send;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.Topics;
import io.drip.dispatch.policy.SendPolicy;
import io.drip.dispatch.sandbox.SandboxProvider;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends queued messages whose time has come: checks them against the contact's latest snapshot,
 * hands them to the provider and announces each outcome on drip.deliveries.v1 through the outbox,
 * in the same transaction.
 */
@ApplicationScoped
public class DispatchWorker implements DueWork.Queue<Outgoing> {
    /** How soon a message that waits for its contact's snapshot looks again. */
    private static final Duration CONTACT_RETRY = Duration.ofSeconds(1);

    @Inject
    OutgoingMessages outgoing;

    @Inject
    ContactSnapshots contacts;

    @Inject
    SandboxProvider provider;

    @Inject
    SendPolicy policy;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.dispatch.contact-wait")
    Duration contactWait;

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public Uni<Optional<Outgoing>> claim(SqlConnection tx, Instant now) {
        return outgoing.claimNextDue(tx, now);
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Outgoing message, Instant now) {
        return contacts.find(tx, message.contactId()).chain(contact -> {
            if (contact.isEmpty()) {
                // the snapshot may still be on its way (topics are not ordered with each other)
                return now.isAfter(message.createdAt().plus(contactWait))
                        ? finish(tx, message, DeliveryStatus.FAILED, "contact_unknown", now)
                        : outgoing.postpone(tx, message.messageId(), now.plus(CONTACT_RETRY));
            }
            return policy.decide(tx, message, contact.get(), now).chain(verdict -> {
                if (verdict.send()) {
                    return send(tx, message, contact.get(), now);
                }
                if (verdict.deferred()) {
                    return outgoing.postpone(tx, message.messageId(), verdict.deferUntil())
                            .chain(() -> outbox.add(tx, Topics.DELIVERIES, message.contactId(), new DeliveryStatus(
                                    message.messageId(), message.contactId(), DeliveryStatus.QUEUED, verdict.reason(),
                                    null, null, null, now)));
                }
                return finish(tx, message, verdict.status(), verdict.reason(), now);
            });
        });
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Outgoing message, Instant until) {
        return outgoing.postpone(tx, message.messageId(), until);
    }

    private Uni<Void> send(SqlConnection tx, Outgoing message, ContactSnapshot contact, Instant now) {
        return provider.send(tx, message, contact.phone(), now).chain(providerId -> outgoing
                .markSent(tx, message.messageId(), SandboxProvider.NAME, providerId, contact.phone(), now)
                .chain(() -> outbox.add(tx, Topics.DELIVERIES, message.contactId(), new DeliveryStatus(
                        message.messageId(), message.contactId(), DeliveryStatus.SENT, null, SandboxProvider.NAME,
                        providerId, null, now))));
    }

    private Uni<Void> finish(SqlConnection tx, Outgoing message, String status, String reason, Instant now) {
        return outgoing.markFinal(tx, message.messageId(), status, reason, now)
                .chain(() -> outbox.add(tx, Topics.DELIVERIES, message.contactId(), new DeliveryStatus(
                        message.messageId(), message.contactId(), status, reason, null, null, null, now)));
    }
}

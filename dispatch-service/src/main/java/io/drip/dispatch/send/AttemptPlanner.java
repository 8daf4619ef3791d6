package io.drip.dispatch.send;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.policy.SendPolicy;
import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.route.Route;
import io.drip.dispatch.metrics.DispatchMetrics;
import io.drip.dispatch.route.RouteRates;
import io.drip.dispatch.route.Routes;
import io.drip.dispatch.text.ComplianceText;
import io.drip.dispatch.text.SmsText;
import io.drip.kit.contacts.ContactSnapshots;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, in the transaction that claimed a due message, what happens to it now: checked
 * against the contact's latest snapshot and the sending policy, it is finished (suppressed or
 * failed, with its reason), deferred, or becomes an {@link Attempt} on its route's first
 * available provider, once a slot of the route's rate is taken. Marketing text gets its
 * compliance prefix and footer; the text as sent is counted in segments (and refused beyond
 * {@code drip.dispatch.max-segments}). The attempt commits before the provider is called.
 */
@ApplicationScoped
public class AttemptPlanner {
    /** How soon a message that waits for its contact's snapshot looks again. */
    private static final Duration CONTACT_RETRY = Duration.ofSeconds(1);
    /** How soon a message looks again when every provider of its route is out. */
    private static final Duration NO_PROVIDER_RETRY = Duration.ofSeconds(1);
    /** A message whose route is at its rate looks again within this (randomised). */
    private static final long RATE_RETRY_MILLIS = 100;
    /** The reason of a message longer than drip.dispatch.max-segments. */
    public static final String TOO_LONG = "too_many_segments";

    @Inject
    OutgoingMessages outgoing;

    @Inject
    ContactSnapshots contacts;

    @Inject
    SendPolicy policy;

    @Inject
    Routes routes;

    @Inject
    RouteRates rates;

    @Inject
    DispatchMetrics metrics;

    @Inject
    Providers providers;

    @Inject
    StatusChanges changes;

    @Inject
    ComplianceText compliance;

    @ConfigProperty(name = "drip.dispatch.contact-wait")
    Duration contactWait;

    @ConfigProperty(name = "drip.dispatch.max-segments")
    int maxSegments;

    public Uni<Optional<Attempt>> plan(SqlConnection tx, Outgoing message, Instant now) {
        return contacts.find(tx, message.contactId()).chain(contact -> {
            if (contact.isEmpty()) {
                // the snapshot may still be on its way (topics are not ordered with each other)
                return now.isAfter(message.queuedAt().plus(contactWait))
                        ? finish(tx, message, DeliveryStatus.FAILED, "contact_unknown", now)
                        : wait(tx, message, now.plus(CONTACT_RETRY));
            }
            return policy.decide(tx, message, contact.get(), now).chain(verdict -> {
                if (verdict.send()) {
                    return attempt(tx, message, contact.get(), now);
                }
                if (verdict.deferred()) {
                    return outgoing.postpone(tx, message.messageId(), verdict.deferUntil())
                            .chain(() -> changes.publish(tx, new DeliveryStatus(message.messageId(), message.contactId(),
                                    DeliveryStatus.QUEUED, verdict.reason(), null, null, null, now)))
                            .replaceWith(Optional.empty());
                }
                return finish(tx, message, verdict.status(), verdict.reason(), now);
            });
        });
    }

    private Uni<Optional<Attempt>> attempt(SqlConnection tx, Outgoing message, ContactSnapshot contact, Instant now) {
        SmsText sms = SmsText.of(SendCommand.MARKETING.equals(message.category())
                ? compliance.apply(message.text(), contact.locale()) : message.text());
        if (sms.segments() > maxSegments) {
            return finish(tx, message, DeliveryStatus.FAILED, TOO_LONG, now);
        }
        Route route = routes.select(contact.phone(), message.category());
        // a provider that may have the message already is the only one that cannot send it twice
        List<String> candidates = message.pinnedProvider() != null ? List.of(message.pinnedProvider()) : route.providers();
        Optional<String> provider = candidates.stream().filter(p -> providers.available(p, now)).findFirst();
        if (provider.isEmpty()) {
            return wait(tx, message, now.plus(NO_PROVIDER_RETRY));
        }
        return rates.take(tx, route.name()).chain(slot -> {
            if (slot.isEmpty()) {
                long wait = RATE_RETRY_MILLIS / 2 + ThreadLocalRandom.current().nextLong(RATE_RETRY_MILLIS);
                metrics.rateLimited(route.name(), Duration.ofMillis(wait));
                return wait(tx, message, now.plusMillis(wait));
            }
            return outgoing.markSending(tx, message.messageId(), route.name(), provider.get(), contact.phone(), sms, now)
                    .map(number -> Optional.of(new Attempt(message, contact.phone(), sms, route.name(), provider.get(),
                            number, slot.get())));
        });
    }

    private Uni<Optional<Attempt>> wait(SqlConnection tx, Outgoing message, Instant until) {
        return outgoing.postpone(tx, message.messageId(), until).replaceWith(Optional.empty());
    }

    private Uni<Optional<Attempt>> finish(SqlConnection tx, Outgoing message, String status, String reason, Instant now) {
        return outgoing.markFinal(tx, message.messageId(), status, reason, now)
                .chain(() -> changes.publish(tx, new DeliveryStatus(message.messageId(), message.contactId(), status,
                        reason, null, null, null, now)))
                .replaceWith(Optional.empty());
    }
}

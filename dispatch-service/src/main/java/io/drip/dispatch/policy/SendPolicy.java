package io.drip.dispatch.policy;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.send.Outgoing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a message may leave now, checked at the moment of sending against the contact's
 * latest snapshot, in this order: a usable number, not marked undeliverable by a provider,
 * consent of the message's category ({@link ConsentCheck}: a transactional message is held back
 * by an explicit transactional opt-out too), maximum age, frequency caps, quiet hours and the
 * country's days without marketing. Caps, quiet hours and country days apply to marketing only.
 */
@ApplicationScoped
public class SendPolicy {
    public static final String QUIET_HOURS = "quiet_hours";
    public static final String EXPIRED = "expired";
    public static final String NO_MARKETING_DAY = "no_marketing_day";

    /** Send now, stop with a final status and reason, or wait until a time. */
    public record Verdict(String status, String reason, Instant deferUntil) {
        static final Verdict SEND = new Verdict(null, null, null);

        public boolean send() {
            return status == null && deferUntil == null;
        }

        public boolean deferred() {
            return deferUntil != null;
        }
    }

    @Inject
    FrequencyCaps caps;

    @Inject
    UndeliverableNumbers undeliverable;

    @Inject
    CountryRules countryRules;

    @Inject
    ConsentCheck consent;

    @ConfigProperty(name = "drip.dispatch.send-window.from")
    String defaultFrom;

    @ConfigProperty(name = "drip.dispatch.send-window.to")
    String defaultTo;

    @ConfigProperty(name = "drip.dispatch.default-timezone")
    String defaultTimezone;

    @ConfigProperty(name = "drip.dispatch.max-age")
    Duration maxAge;

    @ConfigProperty(name = "drip.dispatch.quiet-hours-jitter")
    Duration jitter;

    public Uni<Verdict> decide(SqlClient tx, Outgoing message, ContactSnapshot contact, Instant now) {
        if (contact.phone() == null || !"valid".equals(contact.phoneStatus())) {
            String status = contact.phoneStatus() == null ? "missing" : contact.phoneStatus();
            return stop(DeliveryStatus.FAILED, "phone_" + status);
        }
        return undeliverable.find(tx, contact.phone()).chain(refused -> refused.isPresent()
                ? stop(DeliveryStatus.SUPPRESSED, UndeliverableNumbers.REASON)
                : decideDeliverable(tx, message, contact, now));
    }

    private Uni<Verdict> decideDeliverable(SqlClient tx, Outgoing message, ContactSnapshot contact, Instant now) {
        return consent.optedOut(tx, message, contact).chain(optedOut -> optedOut
                ? stop(DeliveryStatus.SUPPRESSED, ConsentCheck.REASON)
                : decideConsented(tx, message, contact, now));
    }

    private Uni<Verdict> decideConsented(SqlClient tx, Outgoing message, ContactSnapshot contact, Instant now) {
        boolean marketing = SendCommand.MARKETING.equals(message.category());
        if (now.isAfter(message.createdAt().plus(maxAge))) {
            return stop(DeliveryStatus.SUPPRESSED, EXPIRED);
        }
        if (!marketing) {
            return Uni.createFrom().item(Verdict.SEND);
        }
        return caps.breached(tx, message.contactId(), now).map(cap -> cap
                .map(reason -> new Verdict(DeliveryStatus.SUPPRESSED, reason, null))
                .orElseGet(() -> quietTime(message, contact, now)));
    }

    /** Sends now, or defers to the next opening of the window on a day the country allows marketing. */
    private Verdict quietTime(Outgoing message, ContactSnapshot contact, Instant now) {
        SendWindow window = window(message);
        ZoneId zone = zone(contact);
        Optional<Instant> hours = window.deferral(now, zone);
        Optional<Instant> days = window.deferral(now, zone, countryRules.closedDays(contact.phone()));
        if (days.isEmpty()) {
            return Verdict.SEND;
        }
        return new Verdict(null, days.equals(hours) ? QUIET_HOURS : NO_MARKETING_DAY, spread(days.get()));
    }

    private SendWindow window(Outgoing message) {
        return message.window() != null ? message.window() : SendWindow.parse(defaultFrom, defaultTo);
    }

    private ZoneId zone(ContactSnapshot contact) {
        try {
            return ZoneId.of(contact.timezone() != null ? contact.timezone() : defaultTimezone);
        } catch (DateTimeException e) {
            return ZoneId.of(defaultTimezone);
        }
    }

    /** Deferred messages leave over a spread after the opening, not all in its first second. */
    private Instant spread(Instant opening) {
        long millis = jitter.toMillis();
        return millis <= 0 ? opening : opening.plusMillis(ThreadLocalRandom.current().nextLong(millis));
    }

    private static Uni<Verdict> stop(String status, String reason) {
        return Uni.createFrom().item(new Verdict(status, reason, null));
    }
}

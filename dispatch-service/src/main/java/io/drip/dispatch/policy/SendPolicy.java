package io.drip.dispatch.policy;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.send.Outgoing;
import io.drip.kit.consent.SuppressionList;
import io.drip.kit.holdout.GlobalHoldout;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a message may leave now, checked at the moment of sending against the contact's
 * latest snapshot, in this order: a usable number, not marked undeliverable by a provider,
 * consent of the message's category ({@link ConsentCheck}: a transactional message is held back
 * by an explicit transactional opt-out too), maximum age (not counting the waits Drip's own
 * rules imposed, see {@link Outgoing#heldBack}), the global holdout ({@link GlobalHoldout}: the
 * contacts kept from all marketing to measure its lift), frequency caps (per contact and per tag),
 * quiet hours and the country's days without marketing. The holdout, caps, quiet hours and
 * country days apply to marketing only.
 * What it needs from the database is read for a whole batch first ({@link #facts}); each
 * message is then decided in memory ({@link #decide}).
 */
@ApplicationScoped
public class SendPolicy {
    public static final String QUIET_HOURS = "quiet_hours";
    public static final String EXPIRED = "expired";
    public static final String NO_MARKETING_DAY = "no_marketing_day";
    /** The reason of a marketing message to a contact of the global holdout. */
    public static final String HELD_OUT = "held_out";

    /** What the policy says of a message now. */
    public sealed interface Verdict {
        /** It may leave now. */
        record Send() implements Verdict {
        }

        /** It is finished with this final status and reason. */
        record Stop(String status, String reason) implements Verdict {
        }

        /** It waits until {@code until}, for this reason (quiet hours, a day without marketing). */
        record Defer(Instant until, String reason) implements Verdict {
        }
    }

    private static final Verdict SEND = new Verdict.Send();

    @Inject
    FrequencyCaps caps;

    @Inject
    UndeliverableNumbers undeliverable;

    @Inject
    SuppressionList suppressionList;

    @Inject
    CountryRules countryRules;

    @Inject
    GlobalHoldout holdout;

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

    /**
     * Reads what deciding these contacts' messages needs, in four round trips, and locks the
     * marketing usage of {@code marketingContacts} until the transaction ends.
     */
    public Uni<PolicyFacts> facts(SqlClient tx, Collection<String> phones, Collection<String> marketingContacts,
            Instant now) {
        return undeliverable.findAll(tx, phones).chain(refused -> suppressionList.since(tx, phones)
                .chain(suppressed -> caps.usage(tx, marketingContacts, now)
                        .map(usage -> new PolicyFacts(refused, suppressed, usage))));
    }

    /**
     * The verdict on one message of the batch the facts were read for; a marketing message
     * allowed to leave counts against its contact's caps for the rest of the batch.
     */
    public Verdict decide(Outgoing message, ContactSnapshot contact, PolicyFacts facts, Instant now) {
        if (contact.phone() == null || !"valid".equals(contact.phoneStatus())) {
            String status = contact.phoneStatus() == null ? "missing" : contact.phoneStatus();
            return new Verdict.Stop(DeliveryStatus.FAILED, "phone_" + status);
        }
        if (facts.undeliverable(contact.phone())) {
            return new Verdict.Stop(DeliveryStatus.SUPPRESSED, UndeliverableNumbers.REASON);
        }
        if (ConsentCheck.optedOut(message, contact, facts.suppressedSince(contact.phone()))) {
            return new Verdict.Stop(DeliveryStatus.SUPPRESSED, ConsentCheck.REASON);
        }
        if (now.isAfter(message.ageFrom().plus(maxAge))) {
            return new Verdict.Stop(DeliveryStatus.SUPPRESSED, EXPIRED);
        }
        if (!SendCommand.MARKETING.equals(message.category())) {
            return SEND;
        }
        if (holdout.holdsOut(message.contactId())) {
            return new Verdict.Stop(DeliveryStatus.SUPPRESSED, HELD_OUT);
        }
        Optional<String> cap = caps.breached(facts.usage(message.contactId()), message.tags(), now);
        if (cap.isPresent()) {
            return new Verdict.Stop(DeliveryStatus.SUPPRESSED, cap.get());
        }
        Verdict verdict = quietTime(message, contact, now);
        if (verdict instanceof Verdict.Send) {
            facts.countSend(message.contactId(), now, message.tags());
        }
        return verdict;
    }

    /** Sends now, or defers to the next opening of the window on a day the country allows marketing. */
    private Verdict quietTime(Outgoing message, ContactSnapshot contact, Instant now) {
        SendWindow window = window(message);
        ZoneId zone = zone(contact);
        Optional<Instant> hours = window.deferral(now, zone);
        Optional<Instant> days = window.deferral(now, zone, countryRules.closedDays(contact.phone()));
        if (days.isEmpty()) {
            return SEND;
        }
        return new Verdict.Defer(spread(days.get()), days.equals(hours) ? QUIET_HOURS : NO_MARKETING_DAY);
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
}

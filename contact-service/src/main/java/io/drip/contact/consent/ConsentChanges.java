package io.drip.contact.consent;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.Topics;
import io.drip.kit.consent.SuppressionList;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changes a contact's consent: the current state goes into the contact and its snapshot
 * (published through the outbox, so dispatch suppresses marketing within seconds), every
 * decision into the append-only audit trail.
 */
@ApplicationScoped
public class ConsentChanges {
    /** Why an opt-in of a number on the suppression list is refused (API answer, import report, audit trail). */
    public static final String REFUSAL = "the number opted out by SMS keyword; only the person can opt in again, "
            + "by texting START or by confirming a double opt-in";

    @Inject
    ContactRepository contacts;

    @Inject
    ConsentLedger ledger;

    @Inject
    Outbox outbox;

    @Inject
    AutoReplies replies;

    @Inject
    ReplyTexts texts;

    @Inject
    SuppressionList suppression;

    @ConfigProperty(name = "drip.consent.double-opt-in.enabled")
    boolean doubleOptIn;

    @ConfigProperty(name = "drip.consent.double-opt-in.within")
    Duration confirmWithin;

    /**
     * An opt-in from the API or an import. With double opt-in on, SMS marketing becomes
     * pending and the number is asked to reply Y; until it does, the snapshot says opted out.
     * A number on the suppression list in that category opts in only so (or by START): the
     * opt-in is otherwise refused, and the refusal recorded in the audit trail.
     *
     * @return the state recorded ({@link Consent#REFUSED} for a refusal), or empty when there is
     *         no such contact
     */
    public Uni<Optional<String>> optIn(SqlClient tx, String contactId, String channel, String category,
            Consent.Origin origin) {
        if (doubleOptIn && Consent.SMS.equals(channel) && Consent.MARKETING.equals(category)) {
            return change(tx, contactId, channel, category, Consent.PENDING, origin).call(state -> state.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : ledger.addPending(tx, contactId, channel, category, origin.at(), origin.at().plus(confirmWithin))
                            .chain(() -> replies.send(tx, contactId, texts.confirmRequest(),
                                    "double-opt-in:" + contactId + ":" + origin.at().toEpochMilli(), origin.at())));
        }
        return suppressed(tx, contactId, category).chain(suppressed -> suppressed
                ? ledger.refusal(tx, contactId, channel, category, origin, REFUSAL).replaceWith(Optional.of(Consent.REFUSED))
                : change(tx, contactId, channel, category, Consent.OPTED_IN, origin));
    }

    /** Whether the contact's number is on the suppression list in this (SMS) category. */
    private Uni<Boolean> suppressed(SqlClient tx, String contactId, String category) {
        return contacts.findForUpdate(tx, contactId).chain(found -> found.map(ContactSnapshot::phone)
                .map(phone -> suppression.since(tx, List.of(phone))
                        .map(numbers -> numbers.getOrDefault(phone, Map.of()).containsKey(category)))
                .orElseGet(() -> Uni.createFrom().item(false)));
    }

    /** A "Y" reply: opts in when a double opt-in request is pending and not expired. */
    public Uni<Boolean> confirm(SqlClient tx, String contactId, Consent.Origin origin) {
        return ledger.takePending(tx, contactId, Consent.SMS, Consent.MARKETING, origin.at()).chain(valid -> valid
                ? change(tx, contactId, Consent.SMS, Consent.MARKETING, Consent.OPTED_IN, origin).map(Optional::isPresent)
                : Uni.createFrom().item(false));
    }

    /** Records {@code state}; returns it, or empty when the contact does not exist. */
    public Uni<Optional<String>> change(SqlClient tx, String contactId, String channel, String category, String state,
            Consent.Origin origin) {
        return contacts.findForUpdate(tx, contactId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            ContactSnapshot contact = found.get();
            ContactSnapshot changed = Consent.with(contact, channel, category, Consent.PENDING.equals(state)
                    ? new ContactSnapshot.Consent(Consent.OPTED_OUT, origin.at(), Consent.SOURCE_DOUBLE_OPT_IN)
                    : new ContactSnapshot.Consent(state, origin.at(), origin.source()));
            ContactSnapshot updated = new ContactSnapshot(contact.contactId(), contact.version() + 1, contact.phone(),
                    contact.phoneStatus(), contact.timezone(), contact.locale(), contact.traits(), changed.consent(),
                    Instant.now(), contact.segments());
            Uni<Void> cleared = Consent.PENDING.equals(state) ? Uni.createFrom().voidItem()
                    : ledger.takePending(tx, contactId, channel, category, origin.at()).replaceWithVoid();
            return cleared
                    .chain(() -> contacts.saveConsent(tx, updated))
                    .chain(() -> outbox.add(tx, Topics.CONTACTS, contactId, updated))
                    .chain(() -> ledger.append(tx, contactId, channel, category, state, origin))
                    .replaceWith(Optional.of(state));
        });
    }
}

package io.drip.contact.consent;

import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.InboundSms;
import io.drip.kit.consent.SuppressionList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What an inbound SMS does, as dispatch-service recognised it ({@code action} on
 * drip.inbound.v1; the text is not read again here, so the two services cannot disagree). A
 * consent keyword is about the phone number, not one contact row: it changes every contact
 * holding the number (each with its audit entry and a new snapshot) and the number's entry on
 * the suppression list, which outlives erasure. The sender gets the configured reply once.
 */
@ApplicationScoped
public class KeywordConsent {
    private static final Logger LOG = Logger.getLogger(KeywordConsent.class);
    private static final List<String> MARKETING = List.of(Consent.MARKETING);
    private static final List<String> ALL = List.of(Consent.MARKETING, Consent.TRANSACTIONAL);

    private final ContactRepository contacts;
    private final ConsentChanges consent;
    private final SuppressionList suppression;
    private final AutoReplies replies;
    private final ReplyTexts texts;

    public KeywordConsent(ContactRepository contacts, ConsentChanges consent, SuppressionList suppression,
            AutoReplies replies, ReplyTexts texts) {
        this.contacts = contacts;
        this.consent = consent;
        this.suppression = suppression;
        this.replies = replies;
        this.texts = texts;
    }

    /** Applies an inbound SMS of contact {@code contactId} (its canonical id), once per inbound id. */
    public Uni<Void> apply(SqlClient tx, String contactId, InboundSms sms) {
        return contacts.find(tx, contactId).chain(sender -> {
            if (sender.isEmpty()) {
                // erased or never known: no one to answer, but an opt-out still holds for the number
                LOG.warnf("inbound %s from contact %s, which contact-service does not know: not answered",
                        sms.inboundId(), contactId);
            }
            Uni<Void> touched = sender.isPresent() ? contacts.touch(tx, contactId, sms.at()) : Uni.createFrom().voidItem();
            if (sms.action() == null) {
                return touched;
            }
            return touched.chain(() -> act(tx, contactId, sms))
                    .chain(reply -> sender.isPresent()
                            ? replies.answer(tx, contactId, reply, sms.inboundId(), sms.at())
                            : Uni.createFrom().voidItem());
        });
    }

    /** Does what the keyword asks; returns the reply it gets. */
    private Uni<Optional<String>> act(SqlClient tx, String contactId, InboundSms sms) {
        Consent.Origin origin = Consent.Origin.keyword(sms.inboundId(), sms.keyword(), sms.at());
        return switch (sms.action()) {
            case OPT_OUT -> everyHolder(tx, contactId, sms.from(), MARKETING, Consent.OPTED_OUT, origin)
                    .chain(() -> suppression.suppress(tx, sms.from(), MARKETING, sms.at()))
                    .replaceWith(texts.optOut());
            case OPT_OUT_ALL -> everyHolder(tx, contactId, sms.from(), ALL, Consent.OPTED_OUT, origin)
                    .chain(() -> suppression.suppress(tx, sms.from(), ALL, sms.at()))
                    .replaceWith(texts.optOut());
            case OPT_IN -> everyHolder(tx, contactId, sms.from(), ALL, Consent.OPTED_IN, origin)
                    .chain(() -> suppression.lift(tx, sms.from(), ALL))
                    .replaceWith(texts.optIn());
            case CONFIRM -> consent.confirm(tx, contactId, origin).chain(confirmed -> confirmed
                    ? suppression.lift(tx, sms.from(), MARKETING).replaceWith(texts.confirmed())
                    : Uni.createFrom().item(Optional.<String>empty()));
            case HELP -> Uni.createFrom().item(texts.help());
        };
    }

    /** Records the state for the sender and every other contact holding the number, in id order. */
    private Uni<Void> everyHolder(SqlClient tx, String contactId, String phone, List<String> categories, String state,
            Consent.Origin origin) {
        return contacts.idsWithPhone(tx, phone).chain(holders -> {
            List<String> ids = new ArrayList<>(holders);
            if (!ids.contains(contactId)) {
                ids.add(contactId);
            }
            Uni<Void> changed = Uni.createFrom().voidItem();
            for (String id : ids.stream().sorted().toList()) {
                for (String category : categories) {
                    changed = changed.chain(() -> consent.change(tx, id, Consent.SMS, category, state, origin).replaceWithVoid());
                }
            }
            return changed;
        });
    }
}

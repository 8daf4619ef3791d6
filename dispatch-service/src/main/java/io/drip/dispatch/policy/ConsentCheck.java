package io.drip.dispatch.policy;

import io.drip.contracts.ContactSnapshot;
import io.drip.dispatch.send.Outgoing;
import java.time.Instant;
import java.util.Map;

/**
 * Whether the message's category (marketing or transactional) is opted out, as the contact's
 * snapshot says or as the number itself told dispatch: dispatch keeps its own suppression list of
 * numbers, fed by the keywords it recognises in inbound SMS, because it holds a STOP before
 * contact-service has acted on it, from a number no contact has, and after an erasure. The list
 * yields only to the number opting in again by keyword since (START lifts it here; a Y that
 * confirmed a double opt-in shows as the snapshot's keyword opt-in). A keyword's reply (the
 * opt-out confirmation, HELP) is never held back: carriers require it.
 */
final class ConsentCheck {
    static final String REASON = "opted_out";
    private static final String KEYWORD = "keyword";

    private ConsentCheck() {
    }

    /** @param numberSuppressedSince since when the contact's number is on the suppression list, by category */
    static boolean optedOut(Outgoing message, ContactSnapshot contact, Map<String, Instant> numberSuppressedSince) {
        if (message.answersInbound()) {
            return false;
        }
        ContactSnapshot.Consent consent = consent(contact, message.category());
        if (consent != null && ContactSnapshot.Consent.OPTED_OUT.equals(consent.state())) {
            return true;
        }
        Instant since = numberSuppressedSince.get(message.category());
        return since != null && !optedInByKeywordAfter(consent, since);
    }

    private static boolean optedInByKeywordAfter(ContactSnapshot.Consent consent, Instant since) {
        return consent != null && ContactSnapshot.Consent.OPTED_IN.equals(consent.state()) && KEYWORD.equals(consent.source())
                && consent.at() != null && consent.at().isAfter(since);
    }

    private static ContactSnapshot.Consent consent(ContactSnapshot contact, String category) {
        Map<String, ContactSnapshot.Consent> sms = contact.consent() == null ? null : contact.consent().get("sms");
        return sms == null ? null : sms.get(category);
    }
}

package io.drip.dispatch.send;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import java.util.Map;

/**
 * Whether a message may go to a contact right now, and if not, the recorded outcome. Consent is
 * read from the latest snapshot at the moment of sending (invariant 4).
 */
public record SendDecision(String status, String reason) {
    public static final SendDecision SEND = new SendDecision(null, null);

    public boolean allowed() {
        return status == null;
    }

    public static SendDecision of(Outgoing message, ContactSnapshot contact) {
        if (contact.phone() == null || !"valid".equals(contact.phoneStatus())) {
            String status = contact.phoneStatus() == null ? "missing" : contact.phoneStatus();
            return new SendDecision(DeliveryStatus.FAILED, "phone_" + status);
        }
        if (SendCommand.MARKETING.equals(message.category()) && optedOut(contact, SendCommand.MARKETING)) {
            return new SendDecision(DeliveryStatus.SUPPRESSED, "opted_out");
        }
        return SEND;
    }

    private static boolean optedOut(ContactSnapshot contact, String category) {
        Map<String, ContactSnapshot.Consent> sms = contact.consent() == null ? null : contact.consent().get("sms");
        ContactSnapshot.Consent consent = sms == null ? null : sms.get(category);
        return consent != null && ContactSnapshot.Consent.OPTED_OUT.equals(consent.state());
    }
}

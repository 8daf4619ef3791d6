package io.drip.contact.consent;

import io.drip.contracts.ContactSnapshot;
import io.drip.kit.web.InvalidRequestException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Consent vocabulary: channels, categories, states and where a decision came from. */
public final class Consent {
    public static final String SMS = "sms";
    public static final Set<String> CHANNELS = Set.of(SMS);
    public static final String MARKETING = "marketing";
    public static final String TRANSACTIONAL = "transactional";
    public static final Set<String> CATEGORIES = Set.of(MARKETING, TRANSACTIONAL);

    public static final String OPTED_IN = "opted_in";
    public static final String OPTED_OUT = "opted_out";
    /** Asked to opt in, confirmation requested: no marketing until it comes (double opt-in). */
    public static final String PENDING = "pending";
    /**
     * An opt-in from the API or an import that was not recorded, in the audit trail only: the
     * number opted out by keyword, and only the number may opt in again.
     */
    public static final String REFUSED = "refused";

    public static final String SOURCE_API = "api";
    public static final String SOURCE_IMPORT = "import";
    public static final String SOURCE_KEYWORD = "keyword";
    /**
     * The snapshot's source of a pending double opt-in. Snapshots carry it as {@code opted_out}
     * (dispatch suppresses marketing to it), so no marketing goes out before the confirmation.
     */
    public static final String SOURCE_DOUBLE_OPT_IN = "double_opt_in";
    /**
     * A contact that took a number on the suppression list: the number opted out by keyword
     * (as another contact, or before an erasure) and has not opted in again.
     */
    public static final String SOURCE_SUPPRESSION = "suppression_list";

    /**
     * Where a consent decision came from, for the audit trail.
     *
     * @param messageId the inbound SMS, import row or request it came with, when there is one
     * @param ip        the person's address when the caller knows it (e.g. the signup form's)
     * @param actor     the API key or write-key source that recorded it; null for keywords
     */
    public record Origin(String source, String messageId, String ip, String actor, String keyword, Instant at) {
        /** An inbound SMS's keyword. */
        static Origin keyword(String inboundId, String keyword, Instant at) {
            return new Origin(SOURCE_KEYWORD, inboundId, null, null, keyword, at);
        }

        /** The suppression list of the contact's new number. */
        static Origin suppressionList(Instant at) {
            return new Origin(SOURCE_SUPPRESSION, null, null, null, null, at);
        }
    }

    private Consent() {
    }

    /** The contact's consent in a channel and category, null when unknown. */
    static ContactSnapshot.Consent state(ContactSnapshot contact, String channel, String category) {
        Map<String, ContactSnapshot.Consent> categories = contact.consent() == null ? null : contact.consent().get(channel);
        return categories == null ? null : categories.get(category);
    }

    /** The same snapshot (version and time included) with this consent in the channel and category. */
    static ContactSnapshot with(ContactSnapshot contact, String channel, String category, ContactSnapshot.Consent state) {
        Map<String, Map<String, ContactSnapshot.Consent>> consent = new HashMap<>();
        if (contact.consent() != null) {
            contact.consent().forEach((c, categories) -> consent.put(c, new HashMap<>(categories)));
        }
        consent.computeIfAbsent(channel, c -> new HashMap<>()).put(category, state);
        return new ContactSnapshot(contact.contactId(), contact.version(), contact.phone(), contact.phoneStatus(),
                contact.timezone(), contact.locale(), contact.traits(), consent, contact.updatedAt(), contact.segments());
    }

    static void check(String channel, String category) {
        if (!CHANNELS.contains(channel)) {
            throw new InvalidRequestException("channel", "channel '" + channel + "' is not one of " + CHANNELS);
        }
        if (!CATEGORIES.contains(category)) {
            throw new InvalidRequestException("category", "category '" + category + "' is not one of " + CATEGORIES);
        }
    }
}

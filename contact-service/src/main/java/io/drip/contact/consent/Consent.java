package io.drip.contact.consent;

import io.drip.kit.web.InvalidRequestException;
import java.time.Instant;
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

    public static final String SOURCE_API = "api";
    public static final String SOURCE_IMPORT = "import";
    public static final String SOURCE_KEYWORD = "keyword";
    /**
     * The snapshot's source of a pending double opt-in. Snapshots carry it as {@code opted_out}
     * (dispatch suppresses marketing to it), so no marketing goes out before the confirmation.
     */
    public static final String SOURCE_DOUBLE_OPT_IN = "double_opt_in";

    /**
     * Where a consent decision came from, for the audit trail.
     *
     * @param messageId the inbound SMS, import row or request it came with, when there is one
     * @param ip        the person's address when the caller knows it (e.g. the signup form's)
     * @param actor     the API key or write-key source that recorded it; null for keywords
     */
    public record Origin(String source, String messageId, String ip, String actor, String keyword, Instant at) {
    }

    private Consent() {
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

package io.drip.dispatch.twilio;

import io.drip.dispatch.provider.ProviderException;
import java.util.Map;

/**
 * Twilio error codes (API responses and the ErrorCode of status callbacks) as Drip's failure
 * reasons, and whether they are the number's fault (the number is then marked undeliverable).
 */
final class TwilioErrors {

    /** A reason, and whether it condemns the number. */
    record Meaning(String reason, boolean numberUndeliverable) {
    }

    /** Refusals of the API call that retrying cannot help. */
    private static final Map<Integer, Meaning> PERMANENT = Map.of(
            21211, new Meaning("number_invalid", true),
            21614, new Meaning("number_not_mobile", true),
            21612, new Meaning("number_unreachable", true),
            21610, new Meaning("recipient_unsubscribed", true),
            21408, new Meaning("region_not_permitted", false),
            21617, new Meaning("message_too_long", false));

    /** Failures the provider, not the message, is to blame for: retried, and they count for its breaker. */
    private static final Map<Integer, String> TRANSIENT = Map.of(
            20429, "provider_throttled",
            30001, "provider_queue_full",
            20003, "provider_auth_failed");

    /** ErrorCode of undelivered/failed status callbacks. */
    private static final Map<Integer, Meaning> RECEIPTS = Map.of(
            30003, new Meaning("handset_unreachable", false),
            30004, new Meaning("message_blocked", true),
            30005, new Meaning("number_unknown", true),
            30006, new Meaning("number_not_mobile", true),
            30007, new Meaning("carrier_filtered", false),
            30008, new Meaning("carrier_unknown_error", false));

    private TwilioErrors() {
    }

    /** The failure of a Messages API call that answered {@code httpStatus} with Twilio error {@code code}. */
    static ProviderException ofResponse(int httpStatus, Integer code, String message) {
        String detail = "HTTP " + httpStatus + (code == null ? "" : ", Twilio error " + code) + (message == null ? "" : ": " + message);
        if (code != null && PERMANENT.containsKey(code)) {
            Meaning meaning = PERMANENT.get(code);
            return meaning.numberUndeliverable() ? ProviderException.undeliverableNumber(meaning.reason(), detail)
                    : ProviderException.permanent(meaning.reason(), detail);
        }
        if (code != null && TRANSIENT.containsKey(code)) {
            return ProviderException.transientFailure(TRANSIENT.get(code), detail, null);
        }
        if (httpStatus == 429) {
            return ProviderException.transientFailure("provider_throttled", detail, null);
        }
        if (httpStatus >= 500 || httpStatus == 401 || httpStatus == 403) {
            return ProviderException.transientFailure("provider_unavailable", detail, null);
        }
        return ProviderException.permanent("provider_rejected", detail);
    }

    /** The meaning of a status callback's ErrorCode. */
    static Meaning ofReceipt(Integer code) {
        if (code == null) {
            return new Meaning("carrier_unknown_error", false);
        }
        return RECEIPTS.getOrDefault(code, new Meaning("twilio_" + code, false));
    }
}

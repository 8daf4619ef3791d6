package io.drip.dispatch.metrics;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.http.HttpProvider;
import io.drip.dispatch.policy.FrequencyCaps;
import io.drip.dispatch.sandbox.SandboxProvider;
import io.drip.dispatch.smpp.SmppProvider;
import io.drip.dispatch.twilio.TwilioProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsmpp.util.DeliveryReceiptState;

/**
 * Tag values of dispatch's series, each from a closed set: a provider's free text or numbers (an
 * HTTP gateway's {@code reason}, an SMPP receipt's error code) would make a new series per value
 * and grow Prometheus without bound. A value outside its set is {@code other}; the message's own
 * history ({@code GET /v1/messages/{id}}) keeps the exact reason.
 */
public final class MetricLabels {
    static final String NONE = "none";
    static final String OTHER = "other";
    static final String TAG_CAP = "cap_tag";

    private static final Set<String> STATUSES = Set.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT,
            DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED, DeliveryStatus.SUPPRESSED);

    private static final Set<String> PROVIDERS = Set.of(SandboxProvider.NAME, TwilioProvider.NAME, HttpProvider.NAME,
            SmppProvider.NAME);

    /** Drip's own reasons (docs/sending.md); a reason added to dispatch is added here, else it counts as other. */
    private static final Set<String> REASONS = Set.of(
            // the send policy and the planner
            "opted_out", "number_undeliverable", "expired", "quiet_hours", "no_marketing_day", "cap_daily",
            "cap_30_days", "cap_min_gap", "held_out", "phone_invalid", "phone_not_mobile", "phone_missing", "erased", "contact_unknown",
            "too_many_segments", "attempt_interrupted", "outcome_unknown",
            // providers' failures as Drip names them
            "provider_rejected", "provider_error", "provider_throttled", "provider_unavailable",
            "provider_unreachable", "provider_timeout", "provider_busy", "provider_connection_lost", "provider_queue_full",
            "provider_auth_failed", "partly_sent", "sandbox_outage", "sandbox_simulated_failure",
            // numbers and carriers (Twilio's codes mapped, the HTTP gateway's documented reasons)
            "number_invalid", "number_not_mobile", "number_unknown", "number_blocked", "number_unreachable",
            "recipient_unsubscribed", "region_not_permitted", "message_too_long", "handset_unreachable",
            "message_blocked", "carrier_filtered", "carrier_unknown_error",
            // an MMS no provider of its route may carry (route.Carriers)
            "mms_not_supported");

    /** An SMPP receipt's reason is smpp_<state>_<error>: the state is kept, the SMSC's error number is not. */
    private static final Set<String> SMPP_STATES = Arrays.stream(DeliveryReceiptState.values())
            .map(state -> "smpp_" + state.name().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private MetricLabels() {
    }

    public static String status(String status) {
        return status != null && STATUSES.contains(status) ? status : OTHER;
    }

    public static String provider(String provider) {
        return provider == null ? NONE : PROVIDERS.contains(provider) ? provider : OTHER;
    }

    public static String reason(String reason) {
        if (reason == null) {
            return NONE;
        }
        if (REASONS.contains(reason)) {
            return reason;
        }
        if (reason.startsWith(FrequencyCaps.TAG)) {
            return TAG_CAP; // the tag's name is the marketer's, so unbounded as a tag value
        }
        int afterState = reason.indexOf('_', "smpp_".length());
        String state = afterState < 0 ? reason : reason.substring(0, afterState);
        return SMPP_STATES.contains(state) ? state : OTHER;
    }
}

package io.drip.dispatch.route;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which providers of a route may carry a message, in failover order: every one for an SMS; for
 * an MMS, those that send MMS, and none when its category is declared SMS-only
 * ({@code DRIP_MMS_SMS_ONLY_CATEGORIES}). None: the message fails with
 * {@link #MMS_NOT_SUPPORTED} rather than leave without its media.
 */
public final class Carriers {
    /** The reason of an MMS that no provider of its route may carry. */
    public static final String MMS_NOT_SUPPORTED = "mms_not_supported";

    private final Predicate<String> sendsMms;
    private final Predicate<String> smsOnly;

    /**
     * @param sendsMms whether the provider of this name sends MMS
     * @param smsOnly  whether messages of this category are declared SMS-only
     */
    public Carriers(Predicate<String> sendsMms, Predicate<String> smsOnly) {
        this.sendsMms = sendsMms;
        this.smsOnly = smsOnly;
    }

    public List<String> of(Route route, String category, boolean mms) {
        if (!mms) {
            return route.providers();
        }
        return smsOnly.test(category) ? List.of() : route.providers().stream().filter(sendsMms).toList();
    }
}

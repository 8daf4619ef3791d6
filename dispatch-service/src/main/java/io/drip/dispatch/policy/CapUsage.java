package io.drip.dispatch.policy;

import java.time.Instant;

/**
 * A contact's marketing messages sent or being sent: how many in the last day and in the last
 * 30 days, and when the latest left (null: none in 30 days).
 */
public record CapUsage(long lastDay, long last30Days, Instant lastSent) {
    static final CapUsage NONE = new CapUsage(0, 0, null);

    /** The usage once one more message leaves at {@code at}. */
    CapUsage plusOne(Instant at) {
        return new CapUsage(lastDay + 1, last30Days + 1, at);
    }
}

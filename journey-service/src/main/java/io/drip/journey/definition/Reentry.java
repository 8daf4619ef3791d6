package io.drip.journey.definition;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a contact who was in a journey before may enter it again: {@code never} (the
 * default), {@code always}, or {@code after} a time since the last entry. At most one run is
 * active per contact and journey whatever the policy.
 *
 * @param after null for never and always
 */
public record Reentry(Policy policy, Duration after) {
    public static final Reentry NEVER = new Reentry(Policy.NEVER, null);
    public static final Reentry ALWAYS = new Reentry(Policy.ALWAYS, null);

    /** The three policies. */
    public enum Policy { NEVER, ALWAYS, AFTER }

    public Reentry compressed(long factor) {
        return after == null ? this : new Reentry(policy, after.dividedBy(factor));
    }

    /** May a contact whose last entry was at {@code lastEntry} (null: never entered) enter at {@code now}? */
    public boolean allows(Instant lastEntry, Instant now) {
        if (lastEntry == null || policy == Policy.ALWAYS) {
            return true;
        }
        return policy == Policy.AFTER && !now.isBefore(lastEntry.plus(after));
    }

    /** How the history shows the policy: never, always or after PT168H. */
    public String describe() {
        return policy == Policy.AFTER ? "after " + after : policy.name().toLowerCase(java.util.Locale.ROOT);
    }
}

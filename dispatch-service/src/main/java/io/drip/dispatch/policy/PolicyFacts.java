package io.drip.dispatch.policy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sending policy needs to know about a batch of messages, read in a few round trips
 * before any of them is decided: numbers a provider refused for good (with the reason), numbers
 * on dispatch's suppression list (since when, by category) and the contacts' marketing usage.
 * The usage moves as the batch's own sends are decided, so one contact's messages in a batch
 * are capped as if they came one after the other.
 */
public final class PolicyFacts {
    private final Map<String, String> undeliverable;
    private final Map<String, Map<String, Instant>> suppressed;
    private final Map<String, CapUsage> usage;

    PolicyFacts(Map<String, String> undeliverable, Map<String, Map<String, Instant>> suppressed,
            Map<String, CapUsage> usage) {
        this.undeliverable = undeliverable;
        this.suppressed = suppressed;
        this.usage = new HashMap<>(usage);
    }

    boolean undeliverable(String phone) {
        return undeliverable.containsKey(phone);
    }

    /** Since when the number is on the suppression list, by category. */
    Map<String, Instant> suppressedSince(String phone) {
        return suppressed.getOrDefault(phone, Map.of());
    }

    CapUsage usage(String contactId) {
        return usage.getOrDefault(contactId, CapUsage.NONE);
    }

    void countSend(String contactId, Instant at, List<String> tags) {
        usage.put(contactId, usage(contactId).plusOne(at, tags));
    }
}

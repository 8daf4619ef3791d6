package io.drip.dispatch.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A contact's marketing messages sent or being sent: how many in the last day and in the last
 * 30 days, when the latest left (null: none in 30 days), and those with tags within the longest
 * window of the caps per tag.
 */
public record CapUsage(long lastDay, long last30Days, Instant lastSent, List<Tagged> tagged) {
    static final CapUsage NONE = new CapUsage(0, 0, null, List.of());

    /** A message with tags that left at {@code at}. */
    public record Tagged(Instant at, List<String> tags) {
    }

    /** The usage once one more message with these tags leaves at {@code at}. */
    CapUsage plusOne(Instant at, List<String> tags) {
        return new CapUsage(lastDay + 1, last30Days + 1, at, tags.isEmpty() ? tagged : with(new Tagged(at, tags)));
    }

    /** The same counts with these tagged messages. */
    CapUsage withTagged(List<Tagged> messages) {
        return new CapUsage(lastDay, last30Days, lastSent, List.copyOf(messages));
    }

    /** How many messages with exactly this tag left after {@code since}. */
    long sentWith(String tag, Instant since) {
        return tagged.stream().filter(m -> m.at().isAfter(since) && m.tags().contains(tag)).count();
    }

    private List<Tagged> with(Tagged message) {
        List<Tagged> more = new ArrayList<>(tagged);
        more.add(message);
        return List.copyOf(more);
    }
}

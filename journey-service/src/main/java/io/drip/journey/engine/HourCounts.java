package io.drip.journey.engine;

import java.util.Arrays;
import java.util.Map;

/** How many human clicks fell in each local hour of day (0 to 23): a contact's, or its country's. */
public final class HourCounts {
    public static final int HOURS = 24;
    /** No click at all. */
    public static final HourCounts NONE = new HourCounts(new long[HOURS]);

    private final long[] counts;

    private HourCounts(long[] counts) {
        this.counts = counts;
    }

    /**
     * The counts of these hours (the others 0).
     *
     * @throws IllegalArgumentException for an hour outside 0 to 23 or a negative count
     */
    public static HourCounts of(Map<Integer, Long> byHour) {
        long[] counts = new long[HOURS];
        byHour.forEach((hour, count) -> {
            if (hour == null || hour < 0 || hour >= HOURS) {
                throw new IllegalArgumentException("an hour of day is 0 to 23, not " + hour);
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException("the clicks at " + hour + "h must be a count of 0 or more, not " + count);
            }
            counts[hour] = count;
        });
        return new HourCounts(counts);
    }

    /** These counts and one more click at {@code hour}. */
    public HourCounts plus(int hour) {
        long[] more = counts.clone();
        more[hour]++;
        return new HourCounts(more);
    }

    public long at(int hour) {
        return counts[hour];
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    /** The hour with the most clicks; of hours with as many, the earliest in the day. */
    public int favourite() {
        int best = 0;
        for (int hour = 1; hour < HOURS; hour++) {
            best = counts[hour] > counts[best] ? hour : best;
        }
        return best;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HourCounts that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}

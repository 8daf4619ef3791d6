package io.drip.contact.segments;

/**
 * The usual named RFM segments from the recency and frequency scores (1-5); monetary refines
 * conditions but names no segment, as in the common R×F grid.
 */
public final class RfmSegments {

    private RfmSegments() {
    }

    public static String name(int recency, int frequency) {
        if (recency >= 4 && frequency >= 4) {
            return "champions";
        }
        if (recency >= 3 && frequency >= 3) {
            return "loyal";
        }
        if (recency >= 4) {
            if (frequency == 2) {
                return "potential_loyalists";
            }
            return recency == 5 ? "new_customers" : "promising";
        }
        if (recency == 3) {
            return "about_to_sleep";
        }
        if (frequency == 5) {
            return "cant_lose";
        }
        return frequency >= 3 ? "at_risk" : "hibernating";
    }
}

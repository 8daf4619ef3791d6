package io.drip.dispatch.route;

import io.drip.dispatch.provider.Price;
import java.util.List;

/**
 * A configured route (see {@link RouteConfig}).
 *
 * @param costPerSegment what one SMS segment costs when the provider does not say, null when not configured
 * @param costPerMms     what one MMS costs when the provider does not say, null when not configured
 */
public record Route(String name, List<String> prefixes, List<String> categories, List<String> providers, int rate,
        Price costPerSegment, Price costPerMms) {

    boolean carries(String phone, String category) {
        return (categories.isEmpty() || categories.contains(category))
                && (prefixes.isEmpty() || prefixes.stream().anyMatch(phone::startsWith));
    }

    /** How specific the route is for this number: its longest matching prefix. */
    int specificity(String phone) {
        return prefixes.stream().filter(phone::startsWith).mapToInt(String::length).max().orElse(0);
    }

    /**
     * What a message costs on this route when its provider does not say: an MMS its own price
     * (carriers bill an MMS as one message, whatever its text), an SMS its segments at the
     * segment price; null when the route has no such price.
     */
    public Price cost(int segments, boolean mms) {
        if (mms) {
            return costPerMms;
        }
        return costPerSegment == null ? null : costPerSegment.times(segments);
    }
}

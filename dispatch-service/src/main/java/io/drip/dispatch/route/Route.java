package io.drip.dispatch.route;

import io.drip.dispatch.provider.Price;
import java.util.List;

/**
 * A configured route (see {@link RouteConfig}).
 *
 * @param costPerSegment what one segment costs when the provider does not say, null when not configured
 */
public record Route(String name, List<String> prefixes, List<String> categories, List<String> providers, int rate,
        Price costPerSegment) {

    boolean carries(String phone, String category) {
        return (categories.isEmpty() || categories.contains(category))
                && (prefixes.isEmpty() || prefixes.stream().anyMatch(phone::startsWith));
    }

    /** How specific the route is for this number: its longest matching prefix. */
    int specificity(String phone) {
        return prefixes.stream().filter(phone::startsWith).mapToInt(String::length).max().orElse(0);
    }
}

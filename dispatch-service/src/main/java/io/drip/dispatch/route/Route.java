package io.drip.dispatch.route;

import java.util.List;

/** A configured route (see {@link RouteConfig}). */
public record Route(String name, List<String> prefixes, List<String> categories, List<String> providers, int rate) {

    boolean carries(String phone, String category) {
        return (categories.isEmpty() || categories.contains(category))
                && (prefixes.isEmpty() || prefixes.stream().anyMatch(phone::startsWith));
    }

    /** How specific the route is for this number: its longest matching prefix. */
    int specificity(String phone) {
        return prefixes.stream().filter(phone::startsWith).mapToInt(String::length).max().orElse(0);
    }
}

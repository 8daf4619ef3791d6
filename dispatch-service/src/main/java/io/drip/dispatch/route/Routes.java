package io.drip.dispatch.route;

import io.drip.dispatch.provider.Price;
import io.drip.dispatch.provider.Providers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the route of a message: among the routes whose prefixes and categories match, the one
 * with the longest matching prefix, a route listing its categories before one that does not;
 * else {@code default}. Checked at start: every route names configured providers and a positive
 * rate, a cost per segment has an ISO 4217 currency, and a default route exists.
 */
@ApplicationScoped
public class Routes {
    public static final String DEFAULT = "default";

    @Inject
    RouteConfig config;

    @Inject
    Providers providers;

    @Inject
    RouteRates rates;

    @Inject
    Pool pool;

    private List<Route> routes;

    void start(@Observes StartupEvent event) {
        routes = config.routes().entrySet().stream().map(Routes::route).toList();
        if (routes.stream().noneMatch(r -> r.name().equals(DEFAULT))) {
            throw new IllegalStateException("drip.routes.default.providers must name the provider(s) of the default route");
        }
        for (Route route : routes) {
            if (route.rate() < 1) {
                throw new IllegalStateException("drip.routes." + route.name() + ".rate must be at least 1");
            }
            for (String name : route.providers()) {
                if (providers.find(name).isEmpty()) {
                    throw new IllegalStateException("drip.routes." + route.name() + " names provider '" + name
                            + "', which is unknown or not configured (see docs/configuration.md)");
                }
            }
        }
        Uni.join().all(routes.stream().map(route -> pool.withTransaction(tx -> rates.size(tx, route))).toList())
                .andFailFast().await().indefinitely();
    }

    private static Route route(Map.Entry<String, RouteConfig.Entry> entry) {
        RouteConfig.Entry e = entry.getValue();
        return new Route(entry.getKey(), e.prefixes().orElse(List.of()), e.categories().orElse(List.of()),
                e.providers(), e.rate(), costPerSegment(entry.getKey(), e));
    }

    private static Price costPerSegment(String name, RouteConfig.Entry e) {
        if (e.costPerSegment().isEmpty()) {
            return null;
        }
        String currency = e.costCurrency().orElseThrow(() -> new IllegalStateException(
                "drip.routes." + name + ".cost-currency must say the currency of cost-per-segment (ISO 4217, e.g. EUR)"));
        try {
            return new Price(e.costPerSegment().get(), currency);
        } catch (IllegalArgumentException notIso) {
            throw new IllegalStateException("drip.routes." + name + ".cost-currency '" + currency
                    + "' is not an ISO 4217 currency code");
        }
    }

    /** What a message of {@code segments} segments costs on the route, when configured. */
    public Optional<Price> cost(String routeName, int segments) {
        return routes.stream().filter(r -> r.name().equals(routeName) && r.costPerSegment() != null).findFirst()
                .map(r -> r.costPerSegment().times(segments));
    }

    public Route select(String phone, String category) {
        Optional<Route> best = routes.stream()
                .filter(r -> !r.name().equals(DEFAULT) && r.carries(phone, category))
                .max(Comparator.<Route>comparingInt(r -> r.specificity(phone))
                        .thenComparing(r -> !r.categories().isEmpty()));
        return best.orElseGet(() -> byName(DEFAULT));
    }

    public Route byName(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + name));
    }
}

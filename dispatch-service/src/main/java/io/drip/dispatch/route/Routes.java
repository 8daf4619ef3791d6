package io.drip.dispatch.route;

import io.drip.contracts.SendCommand;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.kit.mms.MmsConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Picks the route of a message: among the routes whose prefixes and categories match, the one
 * with the longest matching prefix, a route listing its categories before one that does not;
 * else {@code default}. Checked at start: every route names configured providers and a positive
 * rate, a cost per segment or per MMS has an ISO 4217 currency, and a default route exists; a
 * route none of whose providers sends MMS, carrying a category not declared SMS-only, is logged.
 */
@ApplicationScoped
public class Routes {
    private static final Logger LOG = Logger.getLogger(Routes.class);
    public static final String DEFAULT = "default";

    @Inject
    RouteConfig config;

    @Inject
    Providers providers;

    @Inject
    RouteRates rates;

    @Inject
    Pool pool;

    @Inject
    MmsConfig mms;

    private List<Route> routes;
    private Carriers carriers;

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
        carriers = new Carriers(name -> providers.find(name).map(SmsProvider::sendsMms).orElse(false), mms::smsOnly);
        routes.forEach(this::warnIfNoMms);
        Uni.join().all(routes.stream().map(route -> pool.withTransaction(tx -> rates.size(tx, route))).toList())
                .andFailFast().await().indefinitely();
    }

    private static Route route(Map.Entry<String, RouteConfig.Entry> entry) {
        RouteConfig.Entry e = entry.getValue();
        return new Route(entry.getKey(), e.prefixes().orElse(List.of()), e.categories().orElse(List.of()),
                e.providers(), e.rate(), price(entry.getKey(), e, e.costPerSegment(), "cost-per-segment"),
                price(entry.getKey(), e, e.costPerMms(), "cost-per-mms"));
    }

    private static Price price(String name, RouteConfig.Entry e, Optional<BigDecimal> amount, String key) {
        if (amount.isEmpty()) {
            return null;
        }
        String currency = e.costCurrency().orElseThrow(() -> new IllegalStateException(
                "drip.routes." + name + ".cost-currency must say the currency of " + key + " (ISO 4217, e.g. EUR)"));
        try {
            return new Price(amount.get(), currency);
        } catch (IllegalArgumentException notIso) {
            throw new IllegalStateException("drip.routes." + name + ".cost-currency '" + currency
                    + "' is not an ISO 4217 currency code");
        }
    }

    /** What an SMS of {@code segments} segments, or an MMS, costs on the route, when configured. */
    public Optional<Price> cost(String routeName, int segments, boolean mms) {
        // a route gone from the configuration since the attempt (a restart in between) has no cost
        return routes.stream().filter(r -> r.name().equals(routeName)).findFirst().map(r -> r.cost(segments, mms));
    }

    /** The route's providers that may carry a message, in failover order ({@link Carriers}); none: it cannot go. */
    public List<String> carriers(Route route, String category, boolean mms) {
        return carriers.of(route, category, mms);
    }

    /** An MMS of such a category on such a route fails; the operator should know before a journey tries. */
    private void warnIfNoMms(Route route) {
        List<String> categories = route.categories().isEmpty()
                ? List.of(SendCommand.MARKETING, SendCommand.TRANSACTIONAL) : route.categories();
        categories.stream().filter(category -> !mms.smsOnly(category) && carriers.of(route, category, true).isEmpty())
                .forEach(category -> LOG.warnf("route %s: none of its providers %s sends MMS, so %s MMS to its numbers "
                                + "fail (%s); add %s to DRIP_MMS_SMS_ONLY_CATEGORIES to refuse them in journeys at validation",
                        route.name(), route.providers(), category, Carriers.MMS_NOT_SUPPORTED, category));
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

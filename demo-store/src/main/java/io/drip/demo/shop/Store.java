package io.drip.demo.shop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.SegmentMessage;
import io.drip.demo.Tally;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store's side of the demo: each shopper visits once, signs up, views products, maybe starts
 * a checkout and completes or abandons it, then goes quiet (until an SMS brings them back). Visits
 * start {@code signupsPerSecond} apart and run on a shared scheduler, a step at a time.
 */
public final class Store {
    private final ShopBackend backend;
    private final ScheduledExecutorService clock;
    private final Tally tally;
    private final long seed;
    private final Map<String, StoreEvents> events = new ConcurrentHashMap<>();
    private final Map<String, Integer> orderCounts = new ConcurrentHashMap<>();

    public Store(ShopBackend backend, ScheduledExecutorService clock, Tally tally, long seed) {
        this.backend = backend;
        this.clock = clock;
        this.tally = tally;
        this.seed = seed;
    }

    /** One step of a visit: what the shopper does, and how long after the previous step. */
    private record Step(long afterMillis, String what, Runnable action) {
    }

    public void open(List<Shopper> shoppers, double signupsPerSecond) {
        for (Shopper shopper : shoppers) {
            long start = Math.round(shopper.index() * 1000 / signupsPerSecond);
            clock.schedule(() -> next(visit(shopper)), start, TimeUnit.MILLISECONDS);
        }
    }

    /** A shopper the store knows places an order (after tapping a link in an SMS). */
    public void order(Shopper shopper, String orderId, double revenue) {
        StoreEvents of = eventsOf(shopper);
        ObjectNode order = StoreEvents.properties().put("order_id", orderId).put("revenue", revenue).put("currency", "EUR");
        // same-day delivery: the post-purchase journey starts from the morning of that day
        ObjectNode traits = StoreEvents.properties().put("orders_count", orders(shopper))
                .put("last_delivery_on", LocalDate.now(ZoneId.of(shopper.timezone())).toString());
        backend.send(shopper, List.of(of.identify(traits), of.track("Order Completed", order)));
        tally.add("orders");
    }

    /** A shopper back from an SMS looks at a product. */
    public void productViewed(Shopper shopper, String productId) {
        StoreEvents of = eventsOf(shopper);
        backend.send(shopper, List.of(of.track("Product Viewed", StoreEvents.properties().put("product_id", productId))));
        tally.add("product views");
    }

    private int orders(Shopper shopper) {
        return orderCounts.merge(shopper.id(), 1, Integer::sum);
    }

    private StoreEvents eventsOf(Shopper shopper) {
        return events.computeIfAbsent(shopper.id(), id -> new StoreEvents(shopper));
    }

    private Deque<Step> visit(Shopper shopper) {
        Random random = new Random(seed * 31 + shopper.index());
        StoreEvents of = eventsOf(shopper);
        Deque<Step> steps = new ArrayDeque<>();
        steps.add(new Step(0, "sign up", () -> {
            SegmentMessage identify = of.identify(of.signUpTraits());
            backend.send(shopper, List.of(identify,
                    of.track("Signed Up", StoreEvents.properties().put("source", "demo-store"))));
            tally.add("sign-ups");
        }));
        steps.add(new Step(500, "home page", () -> {
            backend.send(shopper, List.of(of.page("Home", StoreEvents.properties().put("path", "/"))));
            tally.add("page views");
        }));
        for (int i = 0; i < shopper.pageViews(); i++) {
            String product = "p-" + (100 + random.nextInt(60));
            steps.add(new Step(1000 + random.nextInt(2000), "product view", () -> productViewed(shopper, product)));
        }
        if (shopper.startsCheckout()) {
            String cart = shopper.id() + "-cart";
            steps.add(new Step(1000 + random.nextInt(3000), "checkout", () -> {
                backend.send(shopper, List.of(of.track("Checkout Started",
                        StoreEvents.properties().put("cart_id", cart).put("value", shopper.cartValue()).put("currency", "EUR"))));
                tally.add("checkouts");
            }));
            if (shopper.orders()) {
                steps.add(new Step(2000 + random.nextInt(4000), "order",
                        () -> order(shopper, shopper.id() + "-o1", shopper.cartValue())));
            }
        }
        return steps;
    }

    private void next(Deque<Step> steps) {
        Step step = steps.poll();
        if (step == null) {
            return;
        }
        try {
            step.action().run();
        } catch (RuntimeException e) {
            tally.error(step.what(), e);
            return; // the rest of this visit depends on this step
        }
        Step following = steps.peek();
        if (following != null) {
            clock.schedule(() -> next(steps), following.afterMillis(), TimeUnit.MILLISECONDS);
        }
    }
}

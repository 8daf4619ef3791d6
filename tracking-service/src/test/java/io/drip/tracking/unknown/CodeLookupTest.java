package io.drip.tracking.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.tracking.link.Link;
import io.drip.tracking.link.LinksRegistered;
import io.drip.tracking.unknown.CodeLookup.Found;
import io.drip.tracking.unknown.CodeLookup.Limited;
import io.drip.tracking.unknown.CodeLookup.Resolution;
import io.drip.tracking.unknown.CodeLookup.Unknown;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The redirect's decisions for codes not in memory, over a map standing in for the link table. */
class CodeLookupTest {
    private static final String CLIENT = "203.0.113.7";
    private static final Duration WAIT = Duration.ofMillis(300);

    private final Map<String, Link> table = new ConcurrentHashMap<>();
    /** Lookups that answer only when the test completes them, else the table answers at once. */
    private final Map<String, CompletableFuture<Optional<Link>>> slow = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final UnknownCodeCache unknown = new UnknownCodeCache(
            new UnknownCodeCacheTest.Cache(1000, Duration.ofSeconds(10)), System::nanoTime);
    private final CodeLookup lookup = lookup(Duration.ZERO);

    private CodeLookup lookup(Duration overBudgetHold) {
        return new CodeLookup(this::query, unknown, new LookupBudget(
                new LookupBudgetTest.Budget(3, 1, 1000, overBudgetHold), TimeMeter.SYSTEM_NANOTIME), WAIT,
                new SimpleMeterRegistry());
    }

    private Uni<Optional<Link>> query(String code) {
        queries.incrementAndGet();
        CompletableFuture<Optional<Link>> later = slow.remove(code);
        return later != null ? Uni.createFrom().completionStage(later)
                : Uni.createFrom().item(Optional.ofNullable(table.get(code)));
    }

    private static Link link(String code) {
        return new Link(code, "https://shop.example/", "https://shop.example/", "m-1", "c-1", "welcome", 1, "hello",
                null, Instant.now(), Instant.now().plus(Duration.ofDays(90)), null);
    }

    private Resolution resolve(String code, String client) {
        return lookup.resolve(code, client).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownCodeIsQueriedOnceThenAnsweredFromTheNegativeCache() {
        assertInstanceOf(Unknown.class, resolve("unknown001", CLIENT));
        assertInstanceOf(Unknown.class, resolve("unknown001", CLIENT));
        assertEquals(1, queries.get());
    }

    @Test
    void aKnownCodeIsFoundWithOneQuery() {
        table.put("known00001", link("known00001"));
        assertEquals("known00001", ((Found) resolve("known00001", CLIENT)).link().code());
        assertEquals(1, queries.get());
    }

    @Test
    void aCodeRegisteredAfterAMissIsFoundAtTheNextRequest() {
        assertInstanceOf(Unknown.class, resolve("late000001", CLIENT));
        table.put("late000001", link("late000001"));
        unknown.registered(new LinksRegistered(List.of("late000001")));
        assertInstanceOf(Found.class, resolve("late000001", CLIENT));
        assertEquals(2, queries.get());
    }

    @Test
    void aRedirectWaitingForItsCodeGoesOnWhenTheCodeIsRegistered() {
        var waiting = lookup.resolve("late000002", CLIENT).subscribeAsCompletionStage();
        table.put("late000002", link("late000002"));
        unknown.registered(new LinksRegistered(List.of("late000002")));
        assertInstanceOf(Found.class, waiting.join());
        assertEquals(2, queries.get(), "the miss, then the registered code");
    }

    @Test
    void aClientOverItsBudgetIsLimitedButStillReachesRealLinks() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Unknown.class, resolve("scan00000" + i, CLIENT));
        }
        Resolution limited = resolve("scan000009", CLIENT);
        assertInstanceOf(Limited.class, limited);
        assertEquals(60, ((Limited) limited).retryAfter().toSeconds(), 1, "one code a minute");
        assertInstanceOf(Limited.class, resolve("scan000001", CLIENT), "a cached unknown code too");
        table.put("known00002", link("known00002"));
        assertInstanceOf(Found.class, resolve("known00002", CLIENT));
        assertInstanceOf(Unknown.class, resolve("scan000010", "203.0.113.8"), "another client has its own budget");
    }

    @Test
    void aClientOverItsBudgetWaitsTheHoldBeforeItsLookupAndThenReachesItsLink() {
        CodeLookup holding = lookup(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            holding.resolve("scan00010" + i, CLIENT).await().atMost(Duration.ofSeconds(5));
        }
        table.put("known00004", link("known00004"));
        int before = queries.get();
        long start = System.nanoTime();
        var found = holding.resolve("known00004", CLIENT).subscribeAsCompletionStage();
        assertEquals(before, queries.get(), "not looked up before the hold");
        assertInstanceOf(Found.class, found.join());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) >= 0, "held a second");
        assertInstanceOf(Found.class, resolve("known00004", "203.0.113.9"), "a client with budget is not held");
    }

    private void spendTheBudget(String client) {
        for (int i = 0; i < 3; i++) {
            resolve("spent0000" + i + client.hashCode(), client);
        }
        assertInstanceOf(Limited.class, resolve("spent000009", client));
    }

    @Test
    void aRequestDuringTheLookupOfARealCodeWaitsForItAndIsNotCharged() {
        spendTheBudget(CLIENT);
        CompletableFuture<Optional<Link>> lookup = new CompletableFuture<>();
        slow.put("known00003", lookup);
        var first = lookup("known00003");
        var second = lookup("known00003");
        table.put("known00003", link("known00003"));
        lookup.complete(Optional.of(link("known00003")));
        assertInstanceOf(Found.class, first.join());
        assertInstanceOf(Found.class, second.join(), "the client is over its budget, the code is real");
    }

    @Test
    void aCodeRegisteredWhileItIsLookedUpIsNotCharged() {
        spendTheBudget(CLIENT);
        CompletableFuture<Optional<Link>> lookup = new CompletableFuture<>();
        slow.put("late000003", lookup);
        var waiting = lookup("late000003");
        table.put("late000003", link("late000003"));
        unknown.registered(new LinksRegistered(List.of("late000003")));
        lookup.complete(Optional.empty()); // read before the registration committed
        assertInstanceOf(Found.class, waiting.join());
    }

    private CompletableFuture<Resolution> lookup(String code) {
        return lookup.resolve(code, CLIENT).subscribeAsCompletionStage();
    }
}

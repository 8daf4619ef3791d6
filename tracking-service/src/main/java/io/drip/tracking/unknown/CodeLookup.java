package io.drip.tracking.unknown;

import io.drip.tracking.link.Link;
import io.drip.tracking.link.LinkCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Resolves a short code that is not in memory at the least cost an unknown code can have: one query,
 * after which {@link UnknownCodeCache} answers for the code until its TTL runs out or the code is
 * registered. A request for a code being looked up waits for that lookup; a redirect waits for a
 * registration still on its way without querying again. Each
 * client's unknown codes are spent from its {@link LookupBudget}; a registered code never is, so a
 * client over its budget still reaches every real link, after a hold that keeps its scan from
 * costing more than one query per connection and hold.
 */
@ApplicationScoped
public class CodeLookup {

    /** What a code resolved to. */
    public sealed interface Resolution permits Found, Unknown, Limited {
    }

    public record Found(Link link) implements Resolution {
    }

    /** Not registered, nor within the wait. */
    public record Unknown() implements Resolution {
    }

    /** The client has spent its budget of unknown codes; it may ask again after {@code retryAfter}. */
    public record Limited(Duration retryAfter) implements Resolution {
    }

    private static final Unknown UNKNOWN = new Unknown();

    private final Function<String, Uni<Optional<Link>>> links;
    private final UnknownCodeCache unknown;
    private final LookupBudget budget;
    private final Duration wait;
    private final Counter found;
    private final Counter missing;

    @Inject
    CodeLookup(LinkCache links, UnknownCodeCache unknown, LookupBudget budget, UnknownCodesConfig config,
            MeterRegistry registry) {
        this(links::find, unknown, budget, config.registrationWait(), registry);
    }

    CodeLookup(Function<String, Uni<Optional<Link>>> links, UnknownCodeCache unknown, LookupBudget budget,
            Duration wait, MeterRegistry registry) {
        this.links = links;
        this.unknown = unknown;
        this.budget = budget;
        this.wait = wait;
        this.found = lookups(registry, "found");
        this.missing = lookups(registry, "missing");
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("drip.redirect.lookups")
                .description("Short codes the redirect looked up in PostgreSQL, by result").tag("result", result)
                .register(registry);
    }

    /** A code asked for by the client at {@code clientAddress}. */
    public Uni<Resolution> resolve(String code, String clientAddress) {
        UnknownCodeCache.Entry entry = new UnknownCodeCache.Entry();
        UnknownCodeCache.Entry earlier = unknown.putIfAbsent(code, entry);
        if (earlier != null) {
            // another request looked it up or is looking it up: its outcome, not a guess, decides
            return Uni.createFrom().completionStage(earlier.missed.copy()).chain(missed -> missed
                    ? unknownCode(code, clientAddress, earlier.registered) : lookAgain(code));
        }
        // the entry is put before the query, so a registration committed while it runs still ends the wait
        return held(clientAddress).chain(() -> query(code)).onFailure().invoke(failure -> unknown.forget(code)).chain(link -> {
            if (link.isPresent()) {
                unknown.forget(code);
                return Uni.createFrom().item(new Found(link.get()));
            }
            entry.missed.complete(true);
            return unknownCode(code, clientAddress, entry.registered);
        });
    }

    private Uni<Resolution> unknownCode(String code, String clientAddress, CompletableFuture<Void> registration) {
        if (registration.isDone()) {
            return lookAgain(code); // registered since the lookup: not an unknown code, nothing to charge
        }
        Optional<Duration> overBudget = budget.spend(clientAddress);
        if (overBudget.isPresent()) {
            return Uni.createFrom().item(new Limited(overBudget.get()));
        }
        // a copy: the timeout cancels what it waits on, and other redirects wait on the same signal
        return Uni.createFrom().completionStage(registration.copy()).map(registered -> true)
                .ifNoItem().after(wait).recoverWithItem(false)
                .chain(registered -> registered ? lookAgain(code) : Uni.createFrom().item(UNKNOWN));
    }

    private Uni<Void> held(String clientAddress) {
        Duration hold = budget.holdBeforeLookup(clientAddress);
        return hold.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(hold);
    }

    private Uni<Resolution> lookAgain(String code) {
        return query(code).map(link -> link.<Resolution>map(Found::new).orElse(UNKNOWN));
    }

    private Uni<Optional<Link>> query(String code) {
        return links.apply(code).invoke(link -> (link.isPresent() ? found : missing).increment());
    }
}

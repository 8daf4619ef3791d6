package io.drip.tracking.unknown;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.drip.tracking.link.LinksRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * The negative cache: short codes looked up and not found, bounded in size, each for a short TTL.
 * An entry is also the signal that the redirects waiting for the code wake on when its link is
 * registered after all (on this replica: the commit of its send command's batch ends the entry).
 */
@ApplicationScoped
public class UnknownCodeCache {
    private final Cache<String, CompletableFuture<Void>> codes;

    @Inject
    UnknownCodeCache(UnknownCodesConfig config) {
        this(config.cache(), Ticker.systemTicker());
    }

    UnknownCodeCache(UnknownCodesConfig.Cache config, Ticker ticker) {
        codes = Caffeine.newBuilder().maximumSize(config.size()).expireAfterWrite(config.ttl()).ticker(ticker).build();
    }

    /** The registration signal of a code being looked up or found unknown within the TTL; null if neither. */
    CompletableFuture<Void> pending(String code) {
        return codes.getIfPresent(code);
    }

    /** Marks the code unknown until a registration or {@link #forget} ends it; its registration signal. */
    CompletableFuture<Void> remember(String code) {
        return codes.get(code, any -> new CompletableFuture<>());
    }

    /** The code is not (or no longer) unknown: whoever waits for it looks it up again. */
    void forget(String code) {
        CompletableFuture<Void> registration = codes.asMap().remove(code);
        if (registration != null) {
            registration.complete(null);
        }
    }

    void registered(@Observes LinksRegistered links) {
        links.codes().forEach(this::forget);
    }
}

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
 * The negative cache: short codes being looked up or looked up and not found, bounded in size,
 * each for a short TTL. An entry also carries what the other redirects for the code wait on: the
 * outcome of its lookup, and its registration after all (on this replica: the commit of its send
 * command's batch ends the entry).
 */
@ApplicationScoped
public class UnknownCodeCache {

    /** A code being looked up, or found unknown. */
    static final class Entry {
        /** The first lookup's outcome: true, not registered; false, found or failed (look again). */
        final CompletableFuture<Boolean> missed = new CompletableFuture<>();
        /** Completed when the code stops being unknown. */
        final CompletableFuture<Void> registered = new CompletableFuture<>();
    }

    private final Cache<String, Entry> codes;

    @Inject
    UnknownCodeCache(UnknownCodesConfig config) {
        this(config.cache(), Ticker.systemTicker());
    }

    UnknownCodeCache(UnknownCodesConfig.Cache config, Ticker ticker) {
        codes = Caffeine.newBuilder().maximumSize(config.size()).expireAfterWrite(config.ttl()).ticker(ticker).build();
    }

    /** Puts the entry unless the code has one, which it returns then (null: the entry was put). */
    Entry putIfAbsent(String code, Entry entry) {
        return codes.asMap().putIfAbsent(code, entry);
    }

    /** The code is not (or no longer) unknown: whoever waits for it looks it up again. */
    void forget(String code) {
        Entry entry = codes.asMap().remove(code);
        if (entry != null) {
            entry.missed.complete(false);
            entry.registered.complete(null);
        }
    }

    void registered(@Observes LinksRegistered links) {
        links.codes().forEach(this::forget);
    }
}

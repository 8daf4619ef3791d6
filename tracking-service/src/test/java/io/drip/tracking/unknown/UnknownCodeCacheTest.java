package io.drip.tracking.unknown;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.tracking.link.LinksRegistered;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class UnknownCodeCacheTest {

    record Cache(long size, Duration ttl) implements UnknownCodesConfig.Cache {
    }

    private final AtomicLong nanos = new AtomicLong();
    private final UnknownCodeCache cache = new UnknownCodeCache(new Cache(2, Duration.ofSeconds(10)), nanos::get);

    @Test
    void aCodeIsUnknownForTheTtl() {
        var registration = cache.remember("abc123");
        assertSame(registration, cache.pending("abc123"));
        assertSame(registration, cache.remember("abc123"), "one signal per code");
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertSame(registration, cache.pending("abc123"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(cache.pending("abc123"));
    }

    @Test
    void aRegistrationEndsTheEntryAndWakesItsWaiters() {
        var registration = cache.remember("abc123");
        var other = cache.remember("def456");
        cache.registered(new LinksRegistered(List.of("abc123", "never-asked")));
        assertNull(cache.pending("abc123"));
        assertTrue(registration.isDone());
        assertSame(other, cache.pending("def456"));
        assertFalse(other.isDone());
        assertNull(cache.pending("never-asked"), "only codes asked for are kept");
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < 100; i++) {
            cache.remember("code" + i);
        }
        // Caffeine evicts in the background, soon after
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                () -> IntStream.range(0, 100).filter(i -> cache.pending("code" + i) != null).count() <= 2);
    }
}

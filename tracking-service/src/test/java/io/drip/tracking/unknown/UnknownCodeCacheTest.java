package io.drip.tracking.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.tracking.link.LinksRegistered;
import io.drip.tracking.unknown.UnknownCodeCache.Entry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnknownCodeCacheTest {

    record Cache(long size, Duration ttl) implements UnknownCodesConfig.Cache {
    }

    private final AtomicLong nanos = new AtomicLong();
    private final UnknownCodeCache cache = new UnknownCodeCache(new Cache(2, Duration.ofSeconds(10)), nanos::get);

    @Test
    void aCodeIsUnknownForTheTtl() {
        Entry entry = new Entry();
        assertNull(cache.putIfAbsent("abc123", entry));
        assertSame(entry, cache.putIfAbsent("abc123", new Entry()), "one entry per code");
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertSame(entry, cache.putIfAbsent("abc123", new Entry()));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(cache.putIfAbsent("abc123", new Entry()), "expired");
    }

    @Test
    void aRegistrationEndsTheEntryAndWakesItsWaiters() {
        Entry entry = new Entry();
        Entry other = new Entry();
        cache.putIfAbsent("abc123", entry);
        cache.putIfAbsent("def456", other);
        cache.registered(new LinksRegistered(List.of("abc123", "never-asked")));
        assertTrue(entry.registered.isDone());
        assertEquals(false, entry.missed.getNow(null), "those waiting for the lookup look again");
        assertNull(cache.putIfAbsent("abc123", new Entry()));
        assertSame(other, cache.putIfAbsent("def456", new Entry()));
        assertFalse(other.registered.isDone());
    }
}

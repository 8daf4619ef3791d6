package io.drip.tracking.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupBudgetTest {

    record Budget(long burst, long perMinute, long clients, Duration overBudgetHold) implements UnknownCodesConfig.Budget {
        Budget(long burst, long perMinute, long clients) {
            this(burst, perMinute, clients, Duration.ZERO);
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    // three at once, then one every 10 s
    private final LookupBudget budget = new LookupBudget(new Budget(3, 6, 1000), clock);

    @Test
    void aClientSpendsItsBurstThenWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), budget.spend("203.0.113.7"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(10)), budget.spend("203.0.113.7"));
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Optional.of(Duration.ofSeconds(6)), budget.spend("203.0.113.7"), "the time left, not a fixed one");
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(Optional.empty(), budget.spend("203.0.113.7"));
        assertTrue(budget.spend("203.0.113.7").isPresent());
    }

    @Test
    void clientsHaveABudgetEach() {
        for (int i = 0; i < 3; i++) {
            budget.spend("203.0.113.7");
        }
        assertTrue(budget.spend("203.0.113.7").isPresent());
        assertEquals(Optional.empty(), budget.spend("203.0.113.8"));
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertEquals("20010db8000000aa/64", LookupBudget.clientOf("2001:db8:0:aa::1"));
        assertEquals(LookupBudget.clientOf("2001:db8:0:aa::1"), LookupBudget.clientOf("2001:db8:0:aa:ffff::9"));
        assertEquals("20010db8000000ab/64", LookupBudget.clientOf("2001:db8:0:ab::1"));
        assertEquals("198.51.100.4", LookupBudget.clientOf("198.51.100.4"));
        assertEquals("198.51.100.4", LookupBudget.clientOf("::ffff:198.51.100.4"), "an IPv4-mapped address is IPv4");
        assertEquals("", LookupBudget.clientOf(null));
    }

    @Test
    void addressesOfOneSlash64ShareABudget() {
        for (int i = 0; i < 3; i++) {
            budget.spend("2001:db8:0:aa::" + (i + 1));
        }
        assertTrue(budget.spend("2001:db8:0:aa::99").isPresent());
        assertEquals(Optional.empty(), budget.spend("2001:db8:0:ab::1"));
    }
}

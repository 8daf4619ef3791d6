package io.drip.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the demo did, counted by kind (thread-safe), and the first few errors it met. */
public final class Tally {
    private static final int ERRORS_SHOWN = 5;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void add(String what) {
        add(what, 1);
    }

    public void add(String what, long n) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    public long get(String what) {
        AtomicLong count = counts.get(what);
        return count == null ? 0 : count.get();
    }

    /** Counts the error and says what it was, for the first few. */
    public void error(String doing, RuntimeException e) {
        add("errors");
        if (get("errors") <= ERRORS_SHOWN) {
            System.err.println("[demo-store] " + doing + ": " + e.getMessage());
        }
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}

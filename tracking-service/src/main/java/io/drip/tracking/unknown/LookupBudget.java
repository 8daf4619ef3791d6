package io.drip.tracking.unknown;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Each client's budget of unknown short codes: a token bucket per client address (a burst, then
 * so many a minute). The buckets live in a bounded map; a bucket idle long enough to be full again
 * is dropped, as forgetting it changes nothing.
 */
@ApplicationScoped
public class LookupBudget {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Bandwidth limit;
    private final Duration hold;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    @Inject
    LookupBudget(UnknownCodesConfig config) {
        this(config.budget(), TimeMeter.SYSTEM_NANOTIME);
    }

    LookupBudget(UnknownCodesConfig.Budget config, TimeMeter clock) {
        this.hold = config.overBudgetHold();
        this.limit = Bandwidth.builder().capacity(config.burst()).refillGreedy(config.perMinute(), MINUTE).build();
        this.clock = clock;
        Duration refilled = MINUTE.multipliedBy(config.burst()).dividedBy(config.perMinute());
        this.buckets = Caffeine.newBuilder().maximumSize(config.clients()).expireAfterAccess(refilled).build();
    }

    /** Spends one unknown code of the client's budget: empty if there was one, else how long until there is. */
    Optional<Duration> spend(String clientAddress) {
        ConsumptionProbe probe = buckets.get(clientOf(clientAddress), client -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How long the client waits before its next lookup: nothing while it has budget left. */
    Duration holdBeforeLookup(String clientAddress) {
        Bucket bucket = buckets.getIfPresent(clientOf(clientAddress));
        return bucket != null && bucket.getAvailableTokens() <= 0 ? hold : Duration.ZERO;
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build();
    }

    /**
     * An IPv4 address is a client; an IPv6 client is its /64, the block one subscriber gets and can
     * draw any number of addresses from. No address: one shared budget.
     */
    static String clientOf(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "" : address;
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            byte[] bytes = ip.getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "/64" : ip.getHostAddress();
        } catch (UnknownHostException e) {
            return address; // a literal with a colon is never looked up in DNS; kept as it came
        }
    }
}

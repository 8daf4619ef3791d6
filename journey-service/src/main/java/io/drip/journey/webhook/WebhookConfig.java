package io.drip.journey.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code drip.journeys.webhooks.*} (env {@code DRIP_JOURNEYS_WEBHOOKS_*}): which hosts the
 * journeys' webhook steps may call, how their calls are signed, timed out and retried.
 */
@ConfigMapping(prefix = "drip.journeys.webhooks")
public interface WebhookConfig {

    /**
     * The hosts a webhook step may call: exact names ({@code api.shop.example}, {@code 10.0.0.7}),
     * or {@code *.shop.example} for every subdomain; none: no webhook step is accepted.
     */
    Optional<Set<String>> allowedHosts();

    /** The shared secret the calls are signed with (X-Drip-Signature); without it no call is made. */
    Optional<String> secret();

    /** How long one attempt may take, unless its step says (at most 30s). */
    @WithDefault("PT10S")
    Duration timeout();

    /** Attempts after the first, unless the step says. */
    @WithDefault("3")
    int retries();

    /** The wait before the first retry; it doubles with every further one. */
    @WithDefault("PT10S")
    Duration backoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /**
     * How long past its timeout a leased attempt may take (its outcome stored) before another
     * replica makes it again: a replica that dies mid-call holds its calls this long.
     */
    @WithDefault("PT30S")
    Duration leaseMargin();

    /** Calls one replica makes at once. */
    @WithDefault("16")
    int maxConcurrency();

    /** The largest answer kept, in bytes; a larger one fails the call. */
    @WithDefault("16384")
    int maxAnswerBytes();

    /** Whether a webhook may call this host. */
    default boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return allowedHosts().orElse(Set.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .anyMatch(allowed -> allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed));
    }

    /** The retry policy the engine decides with. */
    default RetryPolicy policy() {
        return new RetryPolicy(retries(), backoff(), maxBackoff());
    }
}

package io.drip.tracking.unknown;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code drip.tracking.unknown-codes.*}: what a short code that is not registered may cost
 * (docs/tracking.md, unknown codes). Every default is here.
 */
@ConfigMapping(prefix = "drip.tracking.unknown-codes")
public interface UnknownCodesConfig {

    /** A click can come before the send command that registers its link is consumed: wait this long. */
    @WithDefault("PT3S")
    Duration registrationWait();

    /** The codes found unregistered, kept so that asking again costs no query. */
    Cache cache();

    /** Each client's allowance of unknown codes. */
    Budget budget();

    interface Cache {
        /** Codes kept at most; the least recently used leave first. */
        @WithDefault("100000")
        long size();

        /**
         * How long a code stays known as unregistered; longer than {@link #registrationWait()}. A registration on this
         * replica ends it at once, one on another replica only when it runs out.
         */
        @WithDefault("PT10S")
        Duration ttl();
    }

    interface Budget {
        /** Unknown codes a client may ask for at once. */
        @WithDefault("20")
        long burst();

        /** Unknown codes a client is allowed again per minute, once the burst is spent. */
        @WithDefault("10")
        long perMinute();

        /** Clients tracked at most; past that the least recently seen start again with a full budget. */
        @WithDefault("100000")
        long clients();

        /**
         * How long a client past its budget waits before a code not in memory is looked up: a real link
         * still answers (later), while a scan from that client costs at most one query per connection so long.
         */
        @WithDefault("PT1S")
        Duration overBudgetHold();
    }
}

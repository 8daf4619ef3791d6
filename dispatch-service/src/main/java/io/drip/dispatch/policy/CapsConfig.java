package io.drip.dispatch.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/**
 * {@code drip.dispatch.caps.*}: the marketing frequency caps per contact (defaults and their
 * environment variables in application.properties; 0 turns a rule off) and the caps per tag
 * (docs/sending.md, "Caps per tag"), e.g. {@code drip.dispatch.caps.tags.abandoned_cart.max=1}
 * and {@code ...abandoned_cart.per=PT48H}.
 */
@ConfigMapping(prefix = "drip.dispatch.caps")
public interface CapsConfig {
    /** At most this many in a rolling day. */
    int perDay();

    /** At most this many in a rolling 30 days. */
    @WithName("per-30-days")
    int per30Days();

    /** At least this long between two messages. */
    Duration minGap();

    /** Caps per tag name: a tag {@code name} or {@code name:value} counts against the cap of its name, per value. */
    Map<String, TagCap> tags();

    interface TagCap {
        /** At most this many messages with the same tag in {@link #per()}. */
        int max();

        /** The rolling window the cap counts in. */
        Duration per();

        /** How many more messages marked {@code urgent} may go past {@link #max()} in the window. */
        @WithDefault("0")
        int urgent();
    }
}

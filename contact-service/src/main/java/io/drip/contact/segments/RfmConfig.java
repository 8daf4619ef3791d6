package io.drip.contact.segments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code drip.rfm.*} (env DRIP_RFM_EVERY, DRIP_RFM_CHUNK_SIZE): the scheduled RFM recompute. */
@ConfigMapping(prefix = "drip.rfm")
public interface RfmConfig {
    /** How often every score is recomputed. */
    @WithDefault("PT1H")
    Duration every();

    /**
     * Contacts scored per transaction: a chunk's contacts are locked for milliseconds, so a consent
     * change waits at most that long.
     */
    @WithDefault("1000")
    int chunkSize();
}

package io.drip.journey.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How audience journeys enter their segments (docs/configuration.md); the defaults are here and nowhere else. */
@ConfigMapping(prefix = "drip.audiences")
public interface AudienceConfig {

    /** Members entered per page of a round, each page in one transaction. */
    @WithDefault("1000")
    int pageSize();

    /** How often the next round of every audience journey is planned. */
    @WithDefault("PT5S")
    Duration planEvery();

    /** Members shown by a preview. */
    @WithDefault("10")
    int sampleSize();
}

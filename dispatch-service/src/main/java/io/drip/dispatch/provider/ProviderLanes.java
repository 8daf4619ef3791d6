package io.drip.dispatch.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * How many calls each provider takes at once from a replica ({@code drip.dispatch.provider-lanes.<name>}),
 * within the replica's {@code drip.dispatch.lanes}; a provider not named takes as many as there are lanes.
 */
@ConfigMapping(prefix = "drip.dispatch.provider-lanes")
public interface ProviderLanes {
    @WithParentName
    Map<String, Integer> byProvider();

    /** The calls the provider may have in flight at once, given the replica's lanes. */
    default int of(String provider, int lanes) {
        return Math.min(lanes, byProvider().getOrDefault(provider, lanes));
    }
}

package io.drip.tracking.retention;

import io.drip.kit.retention.PrunedTables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** tracking-service's tables that service-kit's Pruner keeps short. */
@ApplicationScoped
public class TrackingRetention implements PrunedTables {

    /** {@code drip.retention.*} of tracking-service (env DRIP_RETENTION_CLICKS, ..._DELIVERIES). */
    @ConfigMapping(prefix = "drip.retention")
    public interface Periods {
        /** How long clicks are kept: the click counts of links and journeys cover this period. */
        @WithDefault("P365D")
        Duration clicks();

        /** How long a delivery time is kept: it tells a machine's click seconds after delivery. */
        @WithDefault("P30D")
        Duration deliveries();
    }

    @Inject
    Periods periods;

    @Override
    public List<Table> tables() {
        return List.of(new Table("click", "at", periods.clicks()),
                new Table("delivery", "delivered_at", periods.deliveries()));
    }
}

package io.drip.journey.retention;

import io.drip.kit.retention.PrunedTables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** journey-service's tables that service-kit's Pruner keeps short. */
@ApplicationScoped
public class JourneyRetention implements PrunedTables {

    /** {@code drip.retention.*} of journey-service (env DRIP_RETENTION_RUN_HISTORY). */
    @ConfigMapping(prefix = "drip.retention")
    public interface Periods {
        /**
         * How long a run's step-by-step history is kept, and its webhook calls: they answer "why did
         * this person get this message?" and count the runs that reached each step, and the calls,
         * in the stats.
         */
        @WithDefault("P365D")
        Duration runHistory();
    }

    @Inject
    Periods periods;

    @Override
    public List<Table> tables() {
        return List.of(new Table("run_history", "at", periods.runHistory()),
                new Table("webhook_call", "created_at", periods.runHistory()));
    }
}

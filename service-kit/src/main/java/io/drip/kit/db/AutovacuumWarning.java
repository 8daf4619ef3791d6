package io.drip.kit.db;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Warns at start when the database runs without autovacuum. Every service's queues (outbox,
 * messages, runs) are rows updated and deleted all day: without autovacuum their dead rows are
 * never reclaimed and their statistics never gathered, so each statement reads more pages and
 * plans go stale. In the pipeline benchmark PostgreSQL spent 44 % less CPU per event with it on
 * and 1 GB of shared_buffers than with Debian's defaults and it off (docs/benchmarks.md). A
 * warning, not a refusal: a test database may turn it off on purpose.
 */
@ApplicationScoped
public class AutovacuumWarning {
    private static final Logger LOG = Logger.getLogger(AutovacuumWarning.class);

    @Inject
    Pool pool;

    void check(@Observes StartupEvent event) {
        pool.query("select current_setting('autovacuum') as autovacuum").execute()
                .subscribe().with(rows -> {
                    String setting = rows.iterator().next().getString("autovacuum");
                    if (!"on".equals(setting)) {
                        LOG.warnf("PostgreSQL runs with autovacuum = %s: the queue tables will bloat and their plans"
                                + " go stale; turn it on (docs/operations.md, PostgreSQL)", setting);
                    }
                }, failure -> LOG.debugf(failure, "could not read PostgreSQL's autovacuum setting"));
    }
}

package io.drip.kit.retention;

import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The retention job of every service: every {@link RetentionConfig#every()} it deletes the rows
 * older than their period from the service's {@link PrunedTables} and from processed_record, in
 * batches of {@link RetentionConfig#batchSize()}, one short statement each. Rows locked by someone
 * else are skipped until the next pass, so pruning never waits for the hot path nor makes it wait.
 */
@ApplicationScoped
public class Pruner {
    private static final Logger LOG = Logger.getLogger(Pruner.class);

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    RetentionConfig config;

    @Inject
    DatabaseClock clock;

    @Inject
    Instance<PrunedTables> services;

    void start(@Observes StartupEvent event) {
        // a pass over a large backlog goes on until the next is due; what it deleted stays deleted
        // as of the database's clock, which stamped the rows: a replica's skewed clock prunes nothing early
        poller.every("retention", config.every(), config.every(),
                () -> clock.now(pool).chain(now -> prune(now)).replaceWithVoid());
    }

    /** The tables pruned: the service's and processed_record. */
    public List<PrunedTables.Table> tables() {
        List<PrunedTables.Table> tables = new ArrayList<>();
        tables.add(new PrunedTables.Table("processed_record", "processed_at", config.processedRecords()));
        services.forEach(service -> tables.addAll(service.tables()));
        return tables;
    }

    /** One pass over every table as of {@code now}; returns the rows deleted per table. */
    public Uni<Map<String, Long>> prune(Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        Uni<Void> pass = Uni.createFrom().voidItem();
        for (PrunedTables.Table table : tables()) {
            pass = pass.chain(() -> pruneTable(table, now, 0).invoke(n -> deleted.put(table.table(), n)).replaceWithVoid());
        }
        return pass.replaceWith(deleted);
    }

    /**
     * The statement that deletes one batch of old rows ($1: the cutoff, $2: the batch size). The
     * rows are found by the time column's index and deleted by their ctid (a TID scan).
     */
    public static String batchDelete(PrunedTables.Table table) {
        return "delete from %1$s where ctid = any(array(select ctid from %1$s where %2$s < $1 limit $2 for update skip locked))"
                .formatted(table.table(), table.timeColumn());
    }

    private Uni<Long> pruneTable(PrunedTables.Table table, Instant now, long deletedSoFar) {
        int batch = config.batchSize();
        return pool.preparedQuery(batchDelete(table))
                .execute(Tuple.of(now.minus(table.keep()).atOffset(ZoneOffset.UTC), batch))
                .chain(result -> {
                    long deleted = deletedSoFar + result.rowCount();
                    if (result.rowCount() == batch) {
                        return pruneTable(table, now, deleted);
                    }
                    if (deleted > 0) {
                        LOG.infof("retention: %d rows of %s older than %s deleted", deleted, table.table(), table.keep());
                    }
                    return Uni.createFrom().item(deleted);
                });
    }
}

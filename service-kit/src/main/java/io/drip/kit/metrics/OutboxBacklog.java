package io.drip.kit.metrics;

import io.drip.kit.work.Poller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox rows not yet published ({@code drip_outbox_backlog}) and the age of the oldest
 * ({@code drip_outbox_oldest_age_seconds}): a backlog that grows or ages means the relay cannot
 * reach Kafka. Counted every {@code drip.outbox.backlog-interval}, not at each scrape, since a
 * gauge must answer at once and the database is reached asynchronously.
 */
@ApplicationScoped
public class OutboxBacklog {
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "drip.outbox.backlog-interval", defaultValue = "PT5S")
    Duration interval;

    void start(@Observes StartupEvent event) {
        Gauge.builder("drip.outbox.backlog", rows, AtomicLong::get)
                .description("Outbox rows written but not yet published to Kafka").register(registry);
        Gauge.builder("drip.outbox.oldest.age", oldestAgeMillis, millis -> millis.get() / 1000.0)
                .description("Age in seconds of the oldest unpublished outbox row (0 when none)")
                .baseUnit("seconds").register(registry);
        poller.every("outbox backlog", interval, this::count);
    }

    Uni<Void> count() {
        return pool.query("""
                        select count(*) as n,
                               coalesce(extract(epoch from clock_timestamp() - min(created_at)) * 1000, 0)::bigint as age
                        from outbox""")
                .execute()
                .invoke(result -> {
                    Row row = result.iterator().next();
                    rows.set(row.getLong("n"));
                    oldestAgeMillis.set(row.getLong("age"));
                })
                .replaceWithVoid();
    }
}

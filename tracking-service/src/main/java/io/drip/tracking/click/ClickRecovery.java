package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.kit.work.Poller;
import io.drip.tracking.metrics.TrackingMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the click batches nobody is publishing: those whose publishing failed (broker away
 * longer than {@code click-publish-timeout}) and those of an instance that stopped first. A batch
 * is taken once it is {@code click-republish-after} old (longer than any instance keeps trying)
 * and not this instance's own; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas
 * share the work, and deleted in the same transaction once published. The clicks are read back
 * from PostgreSQL, with their link's contact as it is now (a pseudonym after an erasure).
 */
@ApplicationScoped
public class ClickRecovery {
    private static final Logger LOG = Logger.getLogger(ClickRecovery.class);
    private static final int BATCHES_AT_ONCE = 20;
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Inject
    Pool pool;

    @Inject
    ClickPublisher publisher;

    @Inject
    Poller poller;

    @Inject
    TrackingMetrics metrics;

    @ConfigProperty(name = "drip.tracking.click-republish-after")
    Duration republishAfter;

    void start(@Observes StartupEvent event) {
        poller.every("click recovery", INTERVAL, this::publishLeftBatches);
    }

    Uni<Void> publishLeftBatches() {
        return pool.query("""
                        select count(*) as n,
                          coalesce(extract(epoch from clock_timestamp() - min(created_at)) * 1000, 0)::bigint as age
                        from click_batch""").execute()
                .invoke(rows -> metrics.unpublishedBatches(rows.iterator().next().getLong("n"),
                        rows.iterator().next().getLong("age")))
                .chain(this::publishAllLeft);
    }

    /** Goes on while it finds full pages: after a long outage the backlog is large. */
    private Uni<Void> publishAllLeft() {
        return claimAndPublish().chain(published -> published == BATCHES_AT_ONCE ? publishAllLeft()
                : Uni.createFrom().voidItem());
    }

    /** Publishes up to BATCHES_AT_ONCE batches; returns how many. */
    private Uni<Integer> claimAndPublish() {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        select id, click_ids from click_batch
                        where created_at < now() - $1::bigint * interval '1 second' and not (id = any($2))
                        order by id limit $3 for update skip locked""")
                .execute(Tuple.of(republishAfter.toSeconds(), publisher.publishing(), BATCHES_AT_ONCE))
                .chain(batches -> {
                    if (batches.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>();
                    List<UUID> clickIds = new ArrayList<>();
                    for (Row batch : batches) {
                        ids.add(batch.getLong("id"));
                        clickIds.addAll(List.of(batch.getArrayOfUUIDs("click_ids")));
                    }
                    return republish(tx, clickIds)
                            .chain(() -> tx.preparedQuery("delete from click_batch where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(new Long[0]))))
                            .invoke(() -> LOG.infof("published %d clicks of %d batches left unpublished",
                                    clickIds.size(), ids.size()))
                            .replaceWith(ids.size());
                }));
    }

    private Uni<Void> republish(SqlConnection tx, List<UUID> clickIds) {
        return tx.preparedQuery("""
                        select c.click_id, c.code, l.message_id, l.contact_id, l.journey_id, l.step_id, l.variant,
                          c.at, c.ip, c.user_agent, c.device, c.bot, c.country, l.traceparent
                        from click c join link l on l.code = c.code where c.click_id = any($1)""")
                .execute(Tuple.of(clickIds.toArray(new UUID[0])))
                .chain(rows -> {
                    List<Click> clicks = new ArrayList<>();
                    List<String> traceparents = new ArrayList<>();
                    for (Row row : rows) {
                        clicks.add(new Click(row.getUUID("click_id").toString(), row.getString("code"),
                                row.getString("message_id"), row.getString("contact_id"), row.getString("journey_id"),
                                row.getString("step_id"), row.getString("variant"),
                                row.getOffsetDateTime("at").toInstant(), row.getString("ip"),
                                row.getString("user_agent"), row.getString("device"), row.getBoolean("bot"),
                                row.getString("country")));
                        traceparents.add(row.getString("traceparent"));
                    }
                    return Uni.createFrom().completionStage(() -> publisher.publish(clicks, traceparents));
                });
    }
}

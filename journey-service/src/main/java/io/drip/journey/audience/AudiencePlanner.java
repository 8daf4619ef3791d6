package io.drip.journey.audience;

import io.drip.journey.definition.Audience;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.InOrder;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the next round of every active audience journey planned (a row of {@code audience_round}
 * that {@link AudienceRounds} enters when it is due): the round after the last one started, by
 * the journey's current schedule. A planned round that has not started yet is replaced when the
 * schedule changes; one that has come due is left to be entered. Rounds a marketer started by
 * hand are no rounds of the schedule. Every replica plans; the primary key makes them agree.
 */
@ApplicationScoped
public class AudiencePlanner {

    @Inject
    JourneyCatalog catalog;

    @Inject
    Pool pool;

    @Inject
    DatabaseClock clock;

    @Inject
    Poller poller;

    @Inject
    AudienceConfig config;

    @ConfigProperty(name = "drip.journeys.default-timezone")
    ZoneId defaultZone;

    void start(@Observes StartupEvent event) {
        poller.every("audience-planner", config.planEvery(), this::plan);
    }

    Uni<Void> plan() {
        List<JourneyDefinition> journeys = catalog.audienceJourneys();
        if (journeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> InOrder.each(journeys, j -> plan(tx, j, now))));
    }

    private Uni<Void> plan(SqlConnection tx, JourneyDefinition journey, Instant now) {
        Audience audience = journey.trigger().audience();
        return tx.preparedQuery("""
                        select (select max(round) from audience_round where journey_id = $1 and not manual
                                  and (status <> 'planned' or starts_at <= $2)) as last,
                               (select max(round) from audience_round where journey_id = $1 and not manual
                                  and status = 'planned' and starts_at > $2) as planned""")
                .execute(Tuple.of(journey.id(), now.atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    var row = rows.iterator().next();
                    Optional<LocalDateTime> next = audience.roundAfter(row.getLocalDateTime("last"), now, defaultZone);
                    LocalDateTime planned = row.getLocalDateTime("planned");
                    if (next.isPresent() && next.get().equals(planned)) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> replaced = planned == null ? Uni.createFrom().voidItem() : tx.preparedQuery(
                                    "delete from audience_round where journey_id = $1 and status = 'planned' and starts_at > $2 and not manual")
                            .execute(Tuple.of(journey.id(), now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
                    return next.isEmpty() ? replaced : replaced.chain(() -> insert(tx, journey.id(), next.get(),
                            audience.startOf(next.get(), defaultZone)));
                });
    }

    private static Uni<Void> insert(SqlConnection tx, String journeyId, LocalDateTime round, Instant startsAt) {
        return tx.preparedQuery("""
                        insert into audience_round (journey_id, round, starts_at, due_at, status) values ($1, $2, $3, $3, 'planned')
                        on conflict do nothing""")
                .execute(Tuple.of(journeyId, round, startsAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

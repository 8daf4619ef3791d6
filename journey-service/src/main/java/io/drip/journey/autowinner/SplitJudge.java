package io.drip.journey.autowinner;

import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.SplitStep;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every few seconds on every replica: reads the decisions other replicas took, then counts the
 * runs of each undecided auto-winner split of the journeys' latest versions and asks the
 * {@link WinnerDecider}; a winner is stored by {@link SplitDecisions}, once for all replicas.
 * Counting runs as they come, rather than on each event, keeps the hot path free of it; the
 * sequential test is valid however often it looks.
 */
@ApplicationScoped
public class SplitJudge {
    /**
     * A split's competing variants' runs in one journey version, with what they did; clicks only
     * for the click metric (they cost a look at every run's messages).
     */
    private static String totalsQuery(SplitStep.Metric metric) {
        String clicked = metric != SplitStep.Metric.CLICK ? "0::bigint" : """
                count(*) filter (where exists (select 1 from message m where m.run_id = r.id
                  and m.first_click_at is not null))""";
        return "select variant, count(*) as runs, count(converted_at) as converted, " + clicked + " as clicked, "
                + """
                coalesce(sum(revenue), 0)::float8 as revenue, coalesce(sum(revenue * revenue), 0)::float8 as revenue_squares
                from journey_run r where r.journey_id = $1 and r.journey_version = $2 and r.variant = any($3)
                group by variant""";
    }

    @Inject
    AutoWinnerConfig config;

    @Inject
    JourneyCatalog catalog;

    @Inject
    SplitDecisions decisions;

    @Inject
    WinnerDecider decider;

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    /** After the catalog is read (priority 1), before the consumers walk a run: decided splits are known from the start. */
    void start(@Observes @Priority(2) StartupEvent event) {
        decisions.reload().await().atMost(Duration.ofMinutes(1));
        poller.every("split decisions", config.checkEvery(), this::judge);
    }

    Uni<Void> judge() {
        return decisions.reload().chain(() -> Multi.createFrom().iterable(catalog.all())
                .onItem().transformToMultiAndConcatenate(journey -> Multi.createFrom().iterable(journey.steps())
                        .filter(step -> step instanceof SplitStep split && split.autoWinner() != null
                                && decisions.decision(journey.id(), journey.version(), split.id()).isEmpty())
                        .onItem().transformToUniAndConcatenate(step -> judge(journey, (SplitStep) step)))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> judge(JourneyDefinition journey, SplitStep split) {
        List<SplitStep.Variant> competing = split.competing();
        return pool.preparedQuery(totalsQuery(split.autoWinner().metric()))
                .execute(Tuple.tuple().addString(journey.id()).addInteger(journey.version())
                        .addArrayOfString(competing.stream().map(SplitStep.Variant::name).toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, VariantTotals> byVariant = new HashMap<>();
                    rows.forEach(row -> byVariant.put(row.getString("variant"), totals(row)));
                    SplitOutcome outcome = decider.decide(split.autoWinner(), competing.stream()
                            .map(v -> byVariant.getOrDefault(v.name(), new VariantTotals(v.name(), 0, 0, 0, 0, 0)))
                            .toList(), Instant.now());
                    if (outcome instanceof SplitOutcome.Decided decided) {
                        return decisions.record(new SplitDecision(journey.id(), journey.version(), split.id(),
                                decided.winner(), decided.evidence()));
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private static VariantTotals totals(Row row) {
        return new VariantTotals(row.getString("variant"), row.getLong("runs"), row.getLong("clicked"),
                row.getLong("converted"), row.getDouble("revenue"), row.getDouble("revenue_squares"));
    }
}

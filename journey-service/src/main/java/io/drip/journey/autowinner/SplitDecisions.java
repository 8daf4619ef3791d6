package io.drip.journey.autowinner;

import io.drip.contracts.MessageJson;
import io.drip.journey.engine.SplitWinners;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The split_decision table and this replica's copy of it, which the {@link io.drip.journey.engine.StepWalker}
 * reads when it assigns a variant. A split is decided once: its key is the table's primary key and
 * the first replica to insert it wins; the others, and every replica at its next reload, take
 * the stored decision.
 */
@ApplicationScoped
public class SplitDecisions implements SplitWinners {
    private static final Logger LOG = Logger.getLogger(SplitDecisions.class);

    @Inject
    Pool pool;

    private final Map<String, SplitDecision> known = new ConcurrentHashMap<>();

    @Override
    public Optional<String> winner(String journeyId, int version, String stepId) {
        return decision(journeyId, version, stepId).map(SplitDecision::winner);
    }

    /** The decision of this split, as this replica last read or took it. */
    public Optional<SplitDecision> decision(String journeyId, int version, String stepId) {
        return Optional.ofNullable(known.get(key(journeyId, version, stepId)));
    }

    /** Reads every decision (a handful of rows per journey version with auto-winner splits). */
    public Uni<Void> reload() {
        return pool.query("select journey_id, journey_version, step_id, winner, evidence::text as evidence"
                        + " from split_decision").execute()
                .invoke(rows -> rows.forEach(row -> remember(read(row))))
                .replaceWithVoid();
    }

    /** Stores the decision unless the split was decided already (by another replica); then reads that one. */
    public Uni<Void> record(SplitDecision decision) {
        Evidence evidence = decision.evidence();
        return pool.preparedQuery("""
                        insert into split_decision (journey_id, journey_version, step_id, winner, metric, evidence, decided_at)
                        values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)
                        on conflict (journey_id, journey_version, step_id) do nothing""")
                .execute(Tuple.from(new Object[] {decision.journeyId(), decision.version(), decision.stepId(),
                        decision.winner(), evidence.metric().yaml(), MessageJson.write(evidence),
                        evidence.decidedAt().atOffset(ZoneOffset.UTC)}))
                .chain(result -> {
                    if (result.rowCount() == 0) {
                        return reload();
                    }
                    remember(decision);
                    LOG.infof("journey %s version %d: split %s decided for %s (%s, p = %.4f after %d runs)",
                            decision.journeyId(), decision.version(), decision.stepId(), decision.winner(),
                            evidence.metric().yaml(), evidence.pValue(), evidence.runs());
                    return Uni.createFrom().voidItem();
                });
    }

    private void remember(SplitDecision decision) {
        known.put(key(decision.journeyId(), decision.version(), decision.stepId()), decision);
    }

    private static SplitDecision read(Row row) {
        return new SplitDecision(row.getString("journey_id"), row.getInteger("journey_version"), row.getString("step_id"),
                row.getString("winner"), MessageJson.read(row.getString("evidence"), Evidence.class));
    }

    private static String key(String journeyId, int version, String stepId) {
        return journeyId + '\n' + version + '\n' + stepId;
    }
}

package io.drip.journey.run;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The step-by-step history of runs, written in the transactions that change them. */
@ApplicationScoped
public class RunHistory {

    /** One thing that happened to a run. */
    public record Entry(Instant at, String step, String what, String detail) {
    }

    public Uni<Void> add(SqlClient tx, UUID runId, Instant at, String stepId, String what, String detail) {
        return tx.preparedQuery("insert into run_history (run_id, at, step_id, what, detail) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(runId, at.atOffset(ZoneOffset.UTC), stepId, what, detail))
                .replaceWithVoid();
    }
}

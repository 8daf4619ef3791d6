package io.drip.journey.audience;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** How far a journey's audience rounds are: for its stats and {@code GET /v1/journeys/{id}/audience}. */
@ApplicationScoped
public class AudienceProgress {

    /** The journey's rounds, the latest first (at most {@code limit}). */
    public Uni<List<RoundRow>> rounds(SqlClient db, String journeyId, int limit) {
        return db.preparedQuery("select " + RoundRow.COLUMNS + " from audience_round where journey_id = $1 "
                        + "order by round desc limit $2")
                .execute(Tuple.of(journeyId, limit))
                .map(rows -> {
                    List<RoundRow> rounds = new ArrayList<>();
                    rows.forEach(row -> rounds.add(RoundRow.of(row)));
                    return rounds;
                });
    }
}

package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.Goal;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.SplitStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records a journey's conversions: a goal event within the goal's window after the last message
 * of the contact's run (or a later human click on it) converts that run once, attributed to
 * that message's step and variant, with the event's revenue. A holdout run, which got no
 * message, converts within the window after it was held out: the baseline of the A/B test.
 */
@ApplicationScoped
public class Conversions {

    @Inject
    RunHistory history;

    public Uni<Void> onGoalEvent(SqlConnection tx, JourneyDefinition journey, SegmentMessage event, Instant now) {
        Goal goal = journey.goal();
        Instant at = event.timestamp() != null ? event.timestamp() : now;
        return tx.preparedQuery("""
                        select r.id as run_id, m.message_id,
                          coalesce(greatest(m.created_at, coalesce(m.first_click_at, m.created_at)), r.ended_at) as touched_at
                        from journey_run r left join message m on m.run_id = r.id
                        where r.journey_id = $1 and r.contact_id = $2 and r.converted_at is null
                          and (m.message_id is not null or (r.variant = $3 and r.ended_at is not null))
                        order by coalesce(m.created_at, r.ended_at) desc limit 1 for update of r""")
                .execute(Tuple.of(journey.id(), event.contactId(), SplitStep.HOLDOUT))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row last = rows.iterator().next();
                    Instant touched = last.getOffsetDateTime("touched_at").toInstant();
                    if (!goal.converts(touched, at)) {
                        return Uni.createFrom().voidItem();
                    }
                    JsonNode json = MessageJson.mapper().valueToTree(event);
                    BigDecimal revenue = goal.revenueOf(json).orElse(null);
                    UUID runId = last.getUUID("run_id");
                    return convert(tx, runId, last.getString("message_id"), at, revenue)
                            .chain(() -> history.add(tx, runId, now, null, "converted", event.event()
                                    + (last.getString("message_id") == null ? " in the holdout"
                                            : " attributed to message " + last.getString("message_id"))
                                    + (revenue == null ? "" : ", revenue " + revenue.toPlainString())));
                });
    }

    private static Uni<Void> convert(SqlConnection tx, UUID runId, String messageId, Instant at, BigDecimal revenue) {
        var when = at.atOffset(ZoneOffset.UTC);
        return tx.preparedQuery("update journey_run set converted_at = $2, revenue = $3 where id = $1")
                .execute(Tuple.of(runId, when, revenue))
                .chain(() -> tx.preparedQuery("update message set converted_at = $2, revenue = $3 where message_id = $1")
                        .execute(Tuple.of(messageId, when, revenue)))
                .replaceWithVoid();
    }
}

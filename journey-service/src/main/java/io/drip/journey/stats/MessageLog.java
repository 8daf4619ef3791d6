package io.drip.journey.stats;

import io.drip.contracts.Click;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The message table: every message a run sent and what became of it. */
@ApplicationScoped
public class MessageLog {
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    public Uni<Void> record(SqlClient tx, UUID runId, SendCommand send) {
        return tx.preparedQuery("""
                        insert into message (message_id, run_id, journey_id, journey_version, step_id, variant, contact_id,
                          created_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] {send.messageId(), runId, send.journeyId(), send.journeyVersion(),
                        send.stepId(), send.variant(), send.contactId(), send.createdAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Applies a status change; a message this service did not send (e.g. a keyword reply) is ignored. */
    public Uni<Void> status(SqlClient tx, DeliveryStatus status) {
        String column = switch (status.status()) {
            case DeliveryStatus.SENT -> "sent_at";
            case DeliveryStatus.DELIVERED -> "delivered_at";
            case DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED -> "failed_at";
            case DeliveryStatus.SUPPRESSED -> "suppressed_at";
            default -> null;
        };
        if (column == null) {
            return Uni.createFrom().voidItem();
        }
        // a delivered message was sent, even if its "sent" status has not been seen
        String sent = status.status().equals(DeliveryStatus.DELIVERED) ? ", sent_at = coalesce(sent_at, $2)" : "";
        return tx.preparedQuery("update message set " + column + " = coalesce(" + column + ", $2), "
                        + "status_reason = coalesce($3, status_reason)" + sent + " where message_id = $1")
                .execute(Tuple.of(status.messageId(), utc(status), status.reason()))
                .replaceWithVoid();
    }

    public Uni<Void> click(SqlClient tx, Click click) {
        return tx.preparedQuery("""
                        update message set clicks = clicks + 1, first_click_at = coalesce(first_click_at, $2)
                        where message_id = $1""")
                .execute(Tuple.of(click.messageId(), click.at().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Per step and variant of a journey (of one version, or of all when null): messages, statuses, clicks and conversions. */
    public Uni<List<StepStats>> stepStats(SqlClient db, String journeyId, Integer version) {
        return db.preparedQuery("""
                        select step_id, variant, count(*) as messages, count(sent_at) as sent,
                          count(delivered_at) as delivered, count(failed_at) as failed, count(suppressed_at) as suppressed,
                          count(first_click_at) as clicked, count(converted_at) as converted,
                          coalesce(sum(revenue), 0) as revenue,
                          (select jsonb_object_agg(reason, n)::text from (
                             select coalesce(s.status_reason, 'unknown') as reason, count(*) as n from message s
                             where s.journey_id = $1 and ($2::int is null or s.journey_version = $2)
                               and s.step_id = m.step_id and s.variant is not distinct from m.variant
                               and s.suppressed_at is not null group by 1) reasons) as suppressed_by
                        from message m where journey_id = $1 and ($2::int is null or journey_version = $2)
                        group by step_id, variant order by min(created_at), variant""")
                .execute(Tuple.of(journeyId, version))
                .map(rows -> {
                    List<StepStats> steps = new ArrayList<>();
                    for (Row row : rows) {
                        String reasons = row.getString("suppressed_by");
                        steps.add(new StepStats(row.getString("step_id"), row.getString("variant"), row.getLong("messages"),
                                row.getLong("sent"), row.getLong("delivered"), row.getLong("failed"),
                                row.getLong("suppressed"), counts(reasons),
                                row.getLong("clicked"), row.getLong("converted"), row.getBigDecimal("revenue")));
                    }
                    return steps;
                });
    }

    private static Map<String, Long> counts(String json) {
        try {
            return json == null ? Map.of() : MessageJson.mapper().readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned invalid JSON: " + json, e);
        }
    }

    private static OffsetDateTime utc(DeliveryStatus status) {
        return status.at().atOffset(ZoneOffset.UTC);
    }
}

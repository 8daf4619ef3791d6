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
import java.util.Set;
import java.util.UUID;

/** The message table: every message a run sent and what became of it. */
@ApplicationScoped
public class MessageLog {
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };
    /** The statuses a message's row records. */
    private static final Set<String> RECORDED = Set.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED,
            DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED, DeliveryStatus.SUPPRESSED);

    public Uni<Void> record(SqlClient tx, UUID runId, SendCommand send) {
        return tx.preparedQuery("""
                        insert into message (message_id, run_id, journey_id, journey_version, step_id, variant, contact_id,
                          created_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] {send.messageId(), runId, send.journeyId(), send.journeyVersion(),
                        send.stepId(), send.variant(), send.contactId(), send.createdAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /**
     * Applies a batch of status changes in one statement: each time column keeps the first time
     * it was set (a delivered message was sent, even if its "sent" status has not been seen), the
     * reason the last one given. Statuses of messages this service did not send (a keyword reply)
     * match no row.
     */
    public Uni<Void> statuses(SqlClient tx, List<DeliveryStatus> changes) {
        List<DeliveryStatus> recorded = changes.stream().filter(s -> RECORDED.contains(s.status())).toList();
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update message m set sent_at = coalesce(m.sent_at, s.sent_at),
                          delivered_at = coalesce(m.delivered_at, s.delivered_at), failed_at = coalesce(m.failed_at, s.failed_at),
                          suppressed_at = coalesce(m.suppressed_at, s.suppressed_at), status_reason = coalesce(s.reason, m.status_reason)
                        from (select id,
                                min(at) filter (where status in ('sent', 'delivered')) as sent_at,
                                min(at) filter (where status = 'delivered') as delivered_at,
                                min(at) filter (where status in ('failed', 'undelivered')) as failed_at,
                                min(at) filter (where status = 'suppressed') as suppressed_at,
                                (array_agg(reason order by n desc) filter (where reason is not null))[1] as reason
                              from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])
                                with ordinality as u(id, status, at, reason, n)
                              group by id) s
                        where m.message_id = s.id""")
                .execute(Tuple.tuple()
                        .addArrayOfString(recorded.stream().map(DeliveryStatus::messageId).toArray(String[]::new))
                        .addArrayOfString(recorded.stream().map(DeliveryStatus::status).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(recorded.stream().map(MessageLog::utc).toArray(OffsetDateTime[]::new))
                        .addArrayOfString(recorded.stream().map(DeliveryStatus::reason).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Counts a batch of clicks in one statement; the first click of a message sets its first_click_at. */
    public Uni<Void> clicks(SqlClient tx, List<Click> clicks) {
        if (clicks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update message m set clicks = m.clicks + c.n, first_click_at = coalesce(m.first_click_at, c.first)
                        from (select id, count(*) as n, min(at) as first from unnest($1::text[], $2::timestamptz[]) as u(id, at)
                              group by id) c
                        where m.message_id = c.id""")
                .execute(Tuple.tuple().addArrayOfString(clicks.stream().map(Click::messageId).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(clicks.stream().map(c -> c.at().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * Per step and variant: messages, statuses, clicks, replies and conversions of the messages of the runs
     * that {@code runs} selects (journey $1, version $2, entered between $3 and $4; see JourneyResource.RUNS).
     */
    public Uni<List<StepStats>> stepStats(SqlClient db, String runs, Tuple parameters) {
        String ofTheRuns = " m.journey_id = $1 and ($2::int is null or m.journey_version = $2)"
                + " and ($3::timestamptz is null and $4::timestamptz is null"
                + " or m.run_id in (select r.id from journey_run r where " + runs + "))";
        return db.preparedQuery("""
                        with m as (select * from message m where""" + ofTheRuns + """
                        )
                        select step_id, variant, count(*) as messages, count(sent_at) as sent,
                          count(delivered_at) as delivered, count(failed_at) as failed, count(suppressed_at) as suppressed,
                          count(first_click_at) as clicked, count(replied_at) as replied, count(converted_at) as converted,
                          coalesce(sum(revenue), 0) as revenue,
                          (select jsonb_object_agg(reason, n)::text from (
                             select coalesce(s.status_reason, 'unknown') as reason, count(*) as n from m s
                             where s.step_id = g.step_id and s.variant is not distinct from g.variant
                               and s.suppressed_at is not null group by 1) reasons) as suppressed_by
                        from m g group by step_id, variant order by min(created_at), variant""")
                .execute(parameters)
                .map(rows -> {
                    List<StepStats> steps = new ArrayList<>();
                    for (Row row : rows) {
                        String reasons = row.getString("suppressed_by");
                        steps.add(new StepStats(row.getString("step_id"), row.getString("variant"), row.getLong("messages"),
                                row.getLong("sent"), row.getLong("delivered"), row.getLong("failed"),
                                row.getLong("suppressed"), counts(reasons),
                                row.getLong("clicked"), row.getLong("replied"), row.getLong("converted"),
                                row.getBigDecimal("revenue")));
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

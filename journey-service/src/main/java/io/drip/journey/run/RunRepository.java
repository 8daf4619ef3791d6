package io.drip.journey.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Run;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The journey_run table. */
@ApplicationScoped
public class RunRepository {
    private static final String COLUMNS = "id, journey_id, journey_version, contact_id, run_key, step_index, variant, "
            + "steps_taken, waiting, trigger_event::text as trigger_event, entered_at";

    @Inject
    RunHistory history;

    /** The run that sent a message, and the step it was sent from. */
    public record SentBy(Run run, String stepId) {
    }

    /** The contact's last run of the journey with this key (the active one if there is one), if any. */
    public Uni<Optional<Run>> lastRun(SqlClient tx, String journeyId, String contactId, String runKey) {
        return tx.preparedQuery("select " + COLUMNS + " from journey_run where journey_id = $1 and contact_id = $2 "
                        + "and run_key = $3 order by entered_at desc limit 1")
                .execute(Tuple.of(journeyId, contactId, runKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRun(rows.iterator().next())));
    }

    /** The contact's active runs, locked: events change them one at a time. */
    public Uni<List<Run>> activeRuns(SqlClient tx, String contactId) {
        return tx.preparedQuery("select " + COLUMNS + " from journey_run where contact_id = $1 and status = 'active' "
                        + "order by entered_at for update")
                .execute(Tuple.of(contactId))
                .map(rows -> {
                    List<Run> active = new ArrayList<>();
                    rows.forEach(row -> active.add(toRun(row)));
                    return active;
                });
    }

    /** The active run that sent a message, locked; empty if the run has ended. */
    public Uni<Optional<SentBy>> activeRunOfMessage(SqlClient tx, String messageId) {
        return tx.preparedQuery("select " + COLUMNS + ", (select step_id from message where message_id = $1) as step_id "
                        + "from journey_run where status = 'active' "
                        + "and id = (select run_id from message where message_id = $1) for update")
                .execute(Tuple.of(messageId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new SentBy(toRun(rows.iterator().next()),
                        rows.iterator().next().getString("step_id"))));
    }

    /**
     * Enters the contact unless it already has an active run of this journey: the run entered, if
     * it did. Its records continue the given trace.
     *
     * @param triggerEvent {@code trigger} as JSON, as the caller has already made it
     */
    public Uni<Optional<Run>> start(SqlClient tx, JourneyDefinition journey, SegmentMessage trigger,
            ObjectNode triggerEvent, String runKey, String traceparent, Instant now) {
        Run run = new Run(UUID.randomUUID(), journey.id(), journey.version(), trigger.contactId(), runKey, 0, null, 0,
                false, triggerEvent, now);
        return tx.preparedQuery("""
                        insert into journey_run (id, journey_id, journey_version, contact_id, run_key, status, step_index,
                          next_at, trigger_event, entered_at, updated_at, traceparent, held)
                        values ($1, $2, $3, $4, $5, 'active', 0, $6, $7::text::jsonb, $6, $6, $8,
                          exists (select 1 from journey_status where journey_id = $2 and status = 'paused'))
                        on conflict (journey_id, contact_id, run_key) where status = 'active' do nothing""")
                .execute(Tuple.from(new Object[] {run.id(), journey.id(), journey.version(), trigger.contactId(), runKey,
                        utc(now), MessageJson.write(trigger), traceparent}))
                .chain(result -> result.rowCount() == 0 ? Uni.createFrom().item(Optional.<Run>empty())
                        : history.add(tx, run.id(), now, null, "entered", trigger.event() + " (" + trigger.messageId() + ")")
                                .replaceWith(Optional.of(run)));
    }

    /**
     * A run claimed by the scheduler, with the time it was due and the trace of the event that
     * started it, which the records of all its steps continue.
     */
    public record DueRun(Run run, Instant dueAt, String traceparent) {
    }

    static final String CLAIM_DUE = "select " + COLUMNS + ", next_at, traceparent from journey_run "
            + "where status = 'active' and not held and next_at <= $1 "
            // a run entered while its journey was being paused may have missed the hold
            + "and journey_id not in (select journey_id from journey_status where status = 'paused') "
            + "order by next_at limit $2 for update skip locked";

    /**
     * Claims up to {@code limit} active runs whose timers are most overdue; other workers skip them
     * while they are held. Runs of a paused journey are held back ({@code held}, set when it is
     * paused) and stay where they are until it resumes, out of the due index, so a paused
     * journey's backlog is never scanned by these claims.
     */
    public Uni<List<DueRun>> claimDue(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<DueRun> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new DueRun(toRun(row), row.getOffsetDateTime("next_at").toInstant(),
                            row.getString("traceparent"))));
                    return due;
                });
    }

    /** Holds back the active runs of a journey while it is paused, or releases them when it resumes. */
    public Uni<Void> hold(SqlClient tx, String journeyId, boolean held) {
        return tx.preparedQuery("update journey_run set held = $2 where journey_id = $1 and status = 'active' and held <> $2")
                .execute(Tuple.of(journeyId, held))
                .replaceWithVoid();
    }

    /** Saves where the run is and when it is due next. */
    public Uni<Void> save(SqlClient tx, Run run, Instant nextAt) {
        return tx.preparedQuery("""
                        update journey_run set step_index = $2, variant = $3, steps_taken = $4, waiting = $5, next_at = $6,
                          updated_at = now()
                        where id = $1""")
                .execute(Tuple.from(new Object[] {run.id(), run.stepIndex(), run.variant(), run.stepsTaken(), run.waiting(),
                        utc(nextAt)}))
                .replaceWithVoid();
    }

    public Uni<Void> postpone(SqlClient tx, UUID runId, Instant nextAt) {
        return tx.preparedQuery("update journey_run set next_at = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(runId, utc(nextAt)))
                .replaceWithVoid();
    }

    /** Ends every active run of the journey (it was archived), with their history. */
    public Uni<Integer> endAll(SqlClient tx, String journeyId, String reason, Instant now) {
        return endActive(tx, "journey_id", journeyId, reason, now);
    }

    /** Ends every active run of the contact (it was erased), with their history. */
    public Uni<Integer> endAllOfContact(SqlClient tx, String contactId, String reason, Instant now) {
        return endActive(tx, "contact_id", contactId, reason, now);
    }

    private Uni<Integer> endActive(SqlClient tx, String column, String value, String reason, Instant now) {
        return tx.preparedQuery("""
                        with ended as (
                          update journey_run set status = 'exited', exit_reason = $2, waiting = false, next_at = null,
                            ended_at = $3, updated_at = now()
                          where %s = $1 and status = 'active' returning id)
                        insert into run_history (run_id, at, what, detail) select id, $3, 'exited', $2 from ended"""
                        .formatted(column))
                .execute(Tuple.of(value, reason, utc(now)))
                .map(result -> result.rowCount());
    }

    /** Ends the run where it is: completed, or exited with a reason; {@code stepId} is the step it ended at, if one. */
    public Uni<Void> end(SqlClient tx, Run run, String stepId, String status, String reason, Instant now) {
        return tx.preparedQuery("""
                        update journey_run set status = $2, exit_reason = $3, step_index = $4, variant = $5,
                          steps_taken = $6, waiting = false, next_at = null, ended_at = $7, updated_at = now()
                        where id = $1""")
                .execute(Tuple.from(new Object[] {run.id(), status, reason, run.stepIndex(), run.variant(),
                        run.stepsTaken(), utc(now)}))
                .chain(() -> history.add(tx, run.id(), now, stepId, status, reason));
    }

    private static Run toRun(Row row) {
        return new Run(row.getUUID("id"), row.getString("journey_id"), row.getInteger("journey_version"),
                row.getString("contact_id"), row.getString("run_key"), row.getInteger("step_index"), row.getString("variant"),
                row.getInteger("steps_taken"), row.getBoolean("waiting"), MessageJson.read(row.getString("trigger_event"), ObjectNode.class),
                row.getOffsetDateTime("entered_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.drip.journey.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.journey.definition.SplitStep;
import io.drip.journey.engine.ContactRuns;
import io.drip.journey.engine.ReplyDecider;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.Touch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The journey_run table. */
@ApplicationScoped
public class RunRepository {
    private static final String COLUMNS = columns("");

    /** The run that sent a message, and the step it was sent from. */
    public record SentBy(Run run, String stepId) {
    }

    /**
     * Takes turns per contact on entering runs, until the transaction ends: a replica that takes
     * over a partition while the last owner still applies its batch cannot enter a contact twice.
     * The locks are taken in one order, so two batches never wait for each other in a cycle.
     */
    public Uni<Void> lockEntries(SqlClient tx, Collection<String> contactIds) {
        return tx.preparedQuery("""
                        select pg_advisory_xact_lock(h) from (
                          select distinct hashtextextended('journey-entry:' || c, 0) as h from unnest($1::text[]) c
                          order by h) l""")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .replaceWithVoid();
    }

    /**
     * What deciding these contacts' events needs to know of their runs ({@link ContactRuns}): the
     * active runs, locked; the last run entered per journey and key of the journeys the events
     * may enter; and the runs of the goal journeys not yet converted, each with its last message
     * (or as a holdout). Three round trips at most, however many contacts.
     */
    public Uni<Map<String, ContactRuns>> ofContacts(SqlClient tx, Collection<String> contactIds,
            Collection<String> entering, Collection<String> withGoal) {
        Map<String, ContactRuns> runs = new LinkedHashMap<>();
        contactIds.forEach(id -> runs.put(id, new ContactRuns(id, UUID::randomUUID)));
        String[] contacts = contactIds.toArray(new String[0]);
        Uni<Void> active = tx.preparedQuery("select " + COLUMNS + " from journey_run where contact_id = any($1) "
                        + "and status = 'active' order by entered_at for update")
                .execute(Tuple.of(contacts))
                .invoke(rows -> rows.forEach(row -> runs.get(row.getString("contact_id")).addActive(toRun(row))))
                .replaceWithVoid();
        Uni<Void> entries = entering.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        select distinct on (contact_id, journey_id, run_key) id, contact_id, journey_id, run_key, entered_at
                        from journey_run where contact_id = any($1) and journey_id = any($2)
                        order by contact_id, journey_id, run_key, entered_at desc""")
                .execute(Tuple.of(contacts, entering.toArray(new String[0])))
                .invoke(rows -> rows.forEach(row -> runs.get(row.getString("contact_id")).enteredAt(
                        row.getString("journey_id"), row.getString("run_key"), row.getUUID("id"),
                        row.getOffsetDateTime("entered_at").toInstant())))
                .replaceWithVoid();
        Uni<Void> touches = withGoal.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        select distinct on (r.id) r.id, r.journey_id, r.contact_id, r.variant, r.ended_at, m.message_id,
                          m.step_id, m.created_at, m.first_click_at
                        from journey_run r left join message m on m.run_id = r.id
                        where r.contact_id = any($1) and r.journey_id = any($2) and r.converted_at is null
                          and (m.message_id is not null or (r.variant = $3 and r.ended_at is not null))
                        order by r.id, m.created_at desc nulls last""")
                .execute(Tuple.of(contacts, withGoal.toArray(new String[0]), SplitStep.HOLDOUT))
                .invoke(rows -> rows.forEach(row -> runs.get(row.getString("contact_id")).addTouch(toTouch(row))))
                .replaceWithVoid();
        return active.chain(() -> entries).chain(() -> touches).replaceWith(runs);
    }

    private static Touch toTouch(Row row) {
        String messageId = row.getString("message_id");
        OffsetDateTime clicked = row.getOffsetDateTime("first_click_at");
        return new Touch(row.getUUID("id"), row.getString("journey_id"), messageId, row.getString("step_id"),
                row.getString("variant"), (messageId == null ? row.getOffsetDateTime("ended_at")
                        : row.getOffsetDateTime("created_at")).toInstant(),
                clicked == null ? null : clicked.toInstant());
    }

    /** The active runs that sent these messages, locked, by message id; a message whose run has ended is missing. */
    public Uni<Map<String, SentBy>> activeRunsOfMessages(SqlClient tx, Collection<String> messageIds) {
        return tx.preparedQuery("select " + columns("r.") + ", m.message_id, m.step_id from message m join journey_run r on r.id = m.run_id "
                        + "where m.message_id = any($1) and r.status = 'active' order by r.id for update of r")
                .execute(Tuple.of(messageIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, SentBy> sent = new LinkedHashMap<>();
                    rows.forEach(row -> sent.put(row.getString("message_id"), new SentBy(toRun(row), row.getString("step_id"))));
                    return sent;
                });
    }

    /**
     * What deciding these contacts' replies needs ({@link ReplyDecider}): their runs that wait at a
     * wait_for step, locked, and the latest message of each step of those runs. Two round trips.
     */
    public Uni<WaitingRuns> waitingOf(SqlClient tx, Collection<String> contactIds) {
        Map<String, ContactRuns> runs = new LinkedHashMap<>();
        contactIds.forEach(id -> runs.put(id, new ContactRuns(id, UUID::randomUUID)));
        Map<UUID, Map<String, ReplyDecider.Sent>> sent = new HashMap<>();
        return tx.preparedQuery("select " + COLUMNS + " from journey_run where contact_id = any($1) "
                        // locked in the order the events' batches lock them (ofContacts): no deadlock between the two
                        + "and status = 'active' and waiting order by entered_at for update")
                .execute(Tuple.of(contactIds.toArray(new String[0])))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> {
                        Run run = toRun(row);
                        runs.get(run.contactId()).addActive(run);
                        ids.add(run.id());
                    });
                    return ids.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                    select distinct on (run_id, step_id) run_id, step_id, message_id, created_at from message
                                    where run_id = any($1) order by run_id, step_id, created_at desc""")
                            .execute(Tuple.of(ids.toArray(new UUID[0])))
                            .invoke(messages -> messages.forEach(row -> sent.computeIfAbsent(row.getUUID("run_id"),
                                    id -> new HashMap<>()).put(row.getString("step_id"), new ReplyDecider.Sent(
                                    row.getString("message_id"), row.getOffsetDateTime("created_at").toInstant()))))
                            .replaceWithVoid();
                })
                .replaceWith(() -> new WaitingRuns(runs, (run, stepId) ->
                        Optional.ofNullable(sent.getOrDefault(run.id(), Map.of()).get(stepId))));
    }

    /** The runs of {@link #waitingOf}, by contact, and their messages. */
    public record WaitingRuns(Map<String, ContactRuns> byContact, ReplyDecider.Messages messages) {
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

    /** Those of these runs that are still active, locked (in the order the events' batches lock runs), by id. */
    public Uni<Map<UUID, Run>> activeRuns(SqlClient tx, Collection<UUID> ids) {
        return tx.preparedQuery("select " + COLUMNS + " from journey_run where id = any($1) and status = 'active' "
                        + "order by entered_at for update")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, Run> active = new HashMap<>();
                    rows.forEach(row -> active.put(row.getUUID("id"), toRun(row)));
                    return active;
                });
    }

    /** Holds back the active runs of a journey while it is paused, or releases them when it resumes. */
    public Uni<Void> hold(SqlClient tx, String journeyId, boolean held) {
        return tx.preparedQuery("update journey_run set held = $2 where journey_id = $1 and status = 'active' and held <> $2")
                .execute(Tuple.of(journeyId, held))
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

    /** The columns {@link #toRun} reads, of the table aliased {@code table}. */
    private static String columns(String table) {
        return Stream.of("id", "journey_id", "journey_version", "contact_id", "run_key", "step_index", "variant",
                "steps_taken", "waiting", "entered_at").map(column -> table + column).collect(Collectors.joining(", "))
                + ", " + table + "trigger_event::text as trigger_event, " + table + "reply::text as reply, "
                + table + "webhooks::text as webhooks";
    }

    private static Run toRun(Row row) {
        return new Run(row.getUUID("id"), row.getString("journey_id"), row.getInteger("journey_version"),
                row.getString("contact_id"), row.getString("run_key"), row.getInteger("step_index"), row.getString("variant"),
                row.getInteger("steps_taken"), row.getBoolean("waiting"), MessageJson.readStored(row.getString("trigger_event"), ObjectNode.class),
                row.getOffsetDateTime("entered_at").toInstant(),
                row.getString("reply") == null ? null : MessageJson.readStored(row.getString("reply"), ObjectNode.class),
                row.getString("webhooks") == null ? null : MessageJson.readStored(row.getString("webhooks"), ObjectNode.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

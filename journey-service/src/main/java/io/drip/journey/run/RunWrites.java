package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.engine.Change;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.Touch;
import io.drip.journey.engine.Walk;
import io.drip.journey.engine.WebhookOutcome;
import io.drip.journey.engine.WebhookRequest;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What one transaction does to runs, gathered while its items are decided and written by
 * {@link #flush} with one statement per table however many runs changed: runs entered (with the
 * state their first steps left them in), runs changed, history, messages, conversions, replies,
 * webhook calls, outbox records and inactivity timers. A run changed twice is written once, as it ended up.
 */
public final class RunWrites {
    private final Instant now;
    private final Map<UUID, State> states = new LinkedHashMap<>();
    private final Map<UUID, Entry> entered = new LinkedHashMap<>();
    private final List<Note> history = new ArrayList<>();
    private final List<Sent> messages = new ArrayList<>();
    private final List<Change.Converted> conversions = new ArrayList<>();
    private final List<Change.Replied> replies = new ArrayList<>();
    private final List<Called> calls = new ArrayList<>();
    private final List<CallChange> callChanges = new ArrayList<>();
    private final List<Outbox.Entry> records = new ArrayList<>();
    private final Map<String, Activity> activity = new LinkedHashMap<>();
    private final Map<String, List<Queued>> queued = new LinkedHashMap<>();
    private final Map<UUID, Instant> entrySlots = new LinkedHashMap<>();

    /** Where a run stands: active and due at {@code nextAt}, or ended. */
    private record State(Run run, String status, String exitReason, Instant nextAt) {
        boolean active() {
            return Run.ACTIVE.equals(status);
        }
    }

    private record Entry(SegmentMessage trigger, String traceparent) {
    }

    private record Note(UUID runId, String stepId, String what, String detail) {
    }

    private record Sent(UUID runId, SendCommand command) {
    }

    /** A webhook call decided by a walk of a run at step visit {@code visit}. */
    private record Called(UUID runId, int visit, WebhookRequest request) {
    }

    /** An attempt's outcome on its call: the status it leaves it in, when the next attempt is due. */
    private record CallChange(String key, String status, Instant nextAt, String result, boolean failed) {
    }

    private record Activity(String journeyId, String contactId, Instant at, Instant dueAt) {
    }

    /** A run entered through a throttled trigger: it waits for its slot in the journey's queue. */
    private record Queued(UUID runId, Duration interval) {
    }

    public RunWrites(Instant now) {
        this.now = now;
    }

    /** Stores a decided change; records it makes continue {@code traceparent} (null: the current trace). */
    public void apply(String contactId, Change change, String traceparent) {
        if (change instanceof Change.Converted converted) {
            converted(converted);
        } else if (change instanceof Change.Exited exited) {
            note(exited.run().id(), null, "exit_event", exited.cause());
            ended(exited.run(), null, Run.EXITED, exited.reason());
        } else if (change instanceof Change.Resumed resumed) {
            // due now: the timer takes the next steps within its poll interval
            due(resumed.moved(), now);
            note(resumed.moved().id(), resumed.stepId(), "resumed", "by " + resumed.cause());
        } else if (change instanceof Change.Replied replied) {
            due(replied.moved(), now);
            replies.add(replied);
            note(replied.moved().id(), replied.stepId(), "replied", replied.describe());
        } else if (change instanceof Change.NotAnswered ignored) {
            note(ignored.run().id(), ignored.stepId(), "reply_ignored", ignored.why());
        } else if (change instanceof Change.Active active) {
            active(active.journeyId(), contactId, active.at(), active.dueAt());
        } else if (change instanceof Change.Entered run) {
            entered.put(run.run().id(), new Entry(run.trigger(), traceparent));
            due(run.run(), run.firstStepAt(now));
            if (run.throttle() != null) {
                queued.computeIfAbsent(run.run().journeyId(), id -> new ArrayList<>())
                        .add(new Queued(run.run().id(), run.throttle().interval()));
            }
            note(run.run().id(), null, "entered", run.trigger().event() + " (" + run.trigger().messageId() + ")"
                    + (run.firstStepAt() == null ? "" : ", first step at " + run.firstStepAt()));
        } else if (change instanceof Change.Ignored ignored) {
            note(ignored.standing().runId(), null, "trigger_ignored",
                    ignored.trigger().event() + " (" + ignored.trigger().messageId() + "): " + ignored.why());
        } else if (change instanceof Change.Walked walked) {
            walked(walked.walk(), traceparent);
        } else {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    /** What a walk of the run did: its history, messages and records, and where it stands. */
    void walked(Walk walk, String traceparent) {
        Run run = walk.run();
        for (Walk.Effect effect : walk.effects()) {
            if (effect instanceof Walk.Note note) {
                note(run.id(), note.stepId(), note.what(), note.detail());
            } else if (effect instanceof Walk.Send send) {
                messages.add(new Sent(run.id(), send.command()));
                records.add(new Outbox.Entry(Topics.SENDS, run.contactId(), send.command(), traceparent));
            } else if (effect instanceof Walk.Update update) {
                records.add(new Outbox.Entry(Topics.EVENTS, run.contactId(), update.identify(), traceparent));
            } else if (effect instanceof Walk.Call call) {
                calls.add(new Called(run.id(), run.stepsTaken(), call.request()));
            } else {
                throw new IllegalArgumentException("unknown effect " + effect);
            }
        }
        if (walk.ended()) {
            ended(run, walk.endStep(), walk.endStatus(), walk.endReason());
        } else {
            due(run, walk.nextAt());
        }
    }

    /**
     * What an attempt of webhook call {@code key} did to its run: the answer or the failure that
     * moves it on (due now), or the retry it waits for; the attempt goes into the history.
     */
    void called(String key, WebhookOutcome outcome) {
        if (outcome instanceof WebhookOutcome.Answered answered) {
            due(answered.moved(), now);
            note(answered.moved().id(), answered.stepId(), "webhook_answered", answered.detail());
            callChanges.add(new CallChange(key, "answered", null, answered.detail(), false));
        } else if (outcome instanceof WebhookOutcome.Retry retry) {
            note(retry.run().id(), retry.stepId(), "webhook_failed", retry.detail());
            callChanges.add(new CallChange(key, "pending", retry.at(), retry.detail(), true));
        } else if (outcome instanceof WebhookOutcome.GaveUp gaveUp) {
            note(gaveUp.run().id(), gaveUp.stepId(), "webhook_failed", gaveUp.detail());
            callChanges.add(new CallChange(key, "failed", null, gaveUp.detail(), true));
            if (gaveUp.moved() == null) {
                ended(gaveUp.run(), gaveUp.stepId(), Run.EXITED, WebhookOutcome.FAILED);
            } else {
                due(gaveUp.moved(), now);
            }
        } else {
            throw new IllegalArgumentException("unknown webhook outcome " + outcome);
        }
    }

    /** The run stays active, due at {@code nextAt}. */
    void due(Run run, Instant nextAt) {
        states.put(run.id(), new State(run, Run.ACTIVE, null, nextAt));
    }

    /** The run ended where it is: completed, or exited with a reason; {@code stepId} is the step it ended at, if one. */
    void ended(Run run, String stepId, String status, String reason) {
        states.put(run.id(), new State(run, status, reason, null));
        note(run.id(), stepId, status, reason);
    }

    /**
     * The run as this transaction has left it so far: the one read from the database if nothing
     * changed it here, empty if it ended here.
     */
    Optional<Run> current(Run stored) {
        State state = states.get(stored.id());
        return state == null ? Optional.of(stored) : state.active() ? Optional.of(state.run()) : Optional.empty();
    }

    private void note(UUID runId, String stepId, String what, String detail) {
        history.add(new Note(runId, stepId, what, detail));
    }

    private void converted(Change.Converted converted) {
        Touch touch = converted.touch();
        conversions.add(converted);
        note(touch.runId(), null, "converted", converted.event()
                + (touch.isHoldout() ? " in the holdout" : " attributed to message " + touch.messageId())
                + (converted.revenue() == null ? "" : ", revenue " + converted.revenue().toPlainString()));
    }

    private void active(String journeyId, String contactId, Instant at, Instant dueAt) {
        // one row per timer: a statement may not update the same row twice
        activity.merge(journeyId + '\n' + contactId, new Activity(journeyId, contactId, at, dueAt),
                (known, later) -> later.at().isAfter(known.at()) ? later : known);
    }

    /** Writes everything gathered, one statement per table that has rows to write. */
    public Uni<Void> flush(SqlClient tx, Outbox outbox) {
        return queue(tx).chain(() -> insertEntered(tx)).chain(() -> slotted(tx)).chain(() -> updateChanged(tx)).chain(() -> insertHistory(tx))
                .chain(() -> insertMessages(tx)).chain(() -> convert(tx)).chain(() -> insertReplies(tx))
                .chain(() -> insertCalls(tx)).chain(() -> updateCalls(tx))
                .chain(() -> outbox.addAll(tx, records))
                .chain(() -> touchTimers(tx));
    }

    /**
     * Gives the runs entered through a throttled trigger their slots, in the order they entered:
     * each journey's next free slot moves on by one interval per run (the row lock of
     * {@code entry_queue} makes the replicas take turns), and a run's first step waits for its slot.
     */
    private Uni<Void> queue(SqlClient tx) {
        Uni<Void> taken = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<Queued>> journey : queued.entrySet()) {
            List<Queued> runs = journey.getValue();
            Duration interval = runs.get(0).interval();
            taken = taken.chain(() -> tx.preparedQuery("""
                            insert into entry_queue (journey_id, next_slot)
                            values ($1, $2::timestamptz + make_interval(secs => $3::float8))
                            on conflict (journey_id) do update set next_slot =
                              greatest(entry_queue.next_slot, $2::timestamptz) + make_interval(secs => $3::float8)
                            returning next_slot""")
                    .execute(Tuple.of(journey.getKey(), utc(now), interval.multipliedBy(runs.size()).toNanos() / 1e9))
                    .invoke(rows -> {
                        Instant slot = rows.iterator().next().getOffsetDateTime("next_slot").toInstant()
                                .minus(interval.multipliedBy(runs.size()));
                        for (Queued run : runs) {
                            State state = states.get(run.runId());
                            if (state.active() && state.nextAt().isBefore(slot)) {
                                states.put(run.runId(), new State(state.run(), state.status(), state.exitReason(), slot));
                            }
                            entrySlots.put(run.runId(), slot);
                            slot = slot.plus(interval);
                        }
                    })
                    .replaceWithVoid());
        }
        return taken;
    }

    /** The entered runs' slots, for the queue in the journey's stats (its active runs whose slot is ahead). */
    private Uni<Void> slotted(SqlClient tx) {
        if (entrySlots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, Instant>> rows = List.copyOf(entrySlots.entrySet());
        return tx.preparedQuery("""
                        update journey_run j set entry_slot = s.slot
                        from unnest($1::uuid[], $2::timestamptz[]) as s(id, slot) where j.id = s.id""")
                .execute(Tuple.tuple().addArrayOfUUID(column(rows, Map.Entry::getKey, UUID[]::new))
                        .addArrayOfOffsetDateTime(column(rows, r -> utc(r.getValue()), OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> insertEntered(SqlClient tx) {
        List<State> rows = states.values().stream().filter(s -> entered.containsKey(s.run().id())).toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into journey_run (id, journey_id, journey_version, contact_id, run_key, status, exit_reason,
                          step_index, variant, steps_taken, waiting, next_at, ended_at, trigger_event, traceparent,
                          entered_at, updated_at, held)
                        select r.id, r.journey_id, r.journey_version, r.contact_id, r.run_key, r.status, r.exit_reason,
                          r.step_index, r.variant, r.steps_taken, r.waiting, r.next_at,
                          case when r.status = 'active' then null else $15::timestamptz end, r.trigger_event::jsonb, r.traceparent,
                          $15, $15, exists (select 1 from journey_status s where s.journey_id = r.journey_id and s.status = 'paused')
                        from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::int[], $9::text[], $10::int[], $11::bool[], $12::timestamptz[], $13::text[], $14::text[])
                          with ordinality as r(id, journey_id, journey_version, contact_id, run_key, status, exit_reason,
                            step_index, variant, steps_taken, waiting, next_at, trigger_event, traceparent, n)
                        order by n""")
                .execute(stateTuple(rows)
                        .addArrayOfString(rows.stream().map(s -> MessageJson.write(entered.get(s.run().id()).trigger()))
                                .toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(s -> entered.get(s.run().id()).traceparent())
                                .toArray(String[]::new))
                        .addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    private Uni<Void> updateChanged(SqlClient tx) {
        List<State> rows = states.values().stream().filter(s -> !entered.containsKey(s.run().id())).toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update journey_run j set status = r.status, exit_reason = r.exit_reason, step_index = r.step_index,
                          variant = r.variant, steps_taken = r.steps_taken, waiting = r.waiting, next_at = r.next_at,
                          ended_at = case when r.status = 'active' then null else $13::timestamptz end, updated_at = $13,
                          reply = r.reply::jsonb, webhooks = r.webhooks::jsonb
                        from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::int[], $9::text[], $10::int[], $11::bool[], $12::timestamptz[], $14::text[], $15::text[])
                          as r(id, journey_id, journey_version, contact_id, run_key, status, exit_reason,
                            step_index, variant, steps_taken, waiting, next_at, reply, webhooks)
                        where j.id = r.id""")
                .execute(stateTuple(rows).addOffsetDateTime(utc(now)).addArrayOfString(column(rows,
                        s -> s.run().reply() == null ? null : MessageJson.write(s.run().reply()), String[]::new))
                        .addArrayOfString(column(rows,
                        s -> s.run().webhooks() == null ? null : MessageJson.write(s.run().webhooks()), String[]::new)))
                .replaceWithVoid();
    }

    /** $1–$12: the runs' ids, journeys, contacts, keys and state. */
    private static Tuple stateTuple(List<State> rows) {
        return Tuple.tuple()
                .addArrayOfUUID(column(rows, s -> s.run().id(), UUID[]::new))
                .addArrayOfString(column(rows, s -> s.run().journeyId(), String[]::new))
                .addArrayOfInteger(column(rows, s -> s.run().journeyVersion(), Integer[]::new))
                .addArrayOfString(column(rows, s -> s.run().contactId(), String[]::new))
                .addArrayOfString(column(rows, s -> s.run().runKey(), String[]::new))
                .addArrayOfString(column(rows, State::status, String[]::new))
                .addArrayOfString(column(rows, State::exitReason, String[]::new))
                .addArrayOfInteger(column(rows, s -> s.run().stepIndex(), Integer[]::new))
                .addArrayOfString(column(rows, s -> s.run().variant(), String[]::new))
                .addArrayOfInteger(column(rows, s -> s.run().stepsTaken(), Integer[]::new))
                .addArrayOfBoolean(column(rows, s -> s.active() && s.run().waiting(), Boolean[]::new))
                .addArrayOfOffsetDateTime(column(rows, s -> s.nextAt() == null ? null : utc(s.nextAt()),
                        OffsetDateTime[]::new));
    }

    private Uni<Void> insertHistory(SqlClient tx) {
        if (history.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into run_history (run_id, at, step_id, what, detail)
                        select r, $5, s, w, d from unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
                          with ordinality as h(r, s, w, d, n)
                        order by n""")
                .execute(Tuple.tuple().addArrayOfUUID(column(history, Note::runId, UUID[]::new))
                        .addArrayOfString(column(history, Note::stepId, String[]::new))
                        .addArrayOfString(column(history, Note::what, String[]::new))
                        .addArrayOfString(column(history, Note::detail, String[]::new))
                        .addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    private Uni<Void> insertMessages(SqlClient tx) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into message (message_id, run_id, journey_id, journey_version, step_id, variant, contact_id,
                          created_at)
                        select * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[],
                          $7::text[], $8::timestamptz[])""")
                .execute(Tuple.tuple()
                        .addArrayOfString(column(messages, m -> m.command().messageId(), String[]::new))
                        .addArrayOfUUID(column(messages, Sent::runId, UUID[]::new))
                        .addArrayOfString(column(messages, m -> m.command().journeyId(), String[]::new))
                        .addArrayOfInteger(column(messages, m -> m.command().journeyVersion(), Integer[]::new))
                        .addArrayOfString(column(messages, m -> m.command().stepId(), String[]::new))
                        .addArrayOfString(column(messages, m -> m.command().variant(), String[]::new))
                        .addArrayOfString(column(messages, m -> m.command().contactId(), String[]::new))
                        .addArrayOfOffsetDateTime(column(messages, m -> utc(m.command().createdAt()), OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> convert(SqlClient tx) {
        if (conversions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple tuple = Tuple.tuple()
                .addArrayOfUUID(column(conversions, c -> c.touch().runId(), UUID[]::new))
                .addArrayOfString(column(conversions, c -> c.touch().messageId(), String[]::new))
                .addArrayOfOffsetDateTime(column(conversions, c -> utc(c.at()), OffsetDateTime[]::new))
                .addArrayOfString(column(conversions, c -> plain(c.revenue()), String[]::new));
        return tx.preparedQuery("""
                        with c as (select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]::numeric[])
                                     as c(run_id, message_id, at, revenue)),
                          runs as (update journey_run j set converted_at = c.at, revenue = c.revenue from c
                                   where j.id = c.run_id and j.converted_at is null)
                        update message m set converted_at = c.at, revenue = c.revenue from c
                        where m.message_id = c.message_id""")
                .execute(tuple)
                .replaceWithVoid();
    }

    /** The answers, and the messages they answered. */
    private Uni<Void> insertReplies(SqlClient tx) {
        if (replies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        with p as (insert into run_reply (inbound_id, run_id, step_id, message_id, led_to, at)
                                   select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                                     $6::timestamptz[])
                                   returning message_id, at)
                        update message m set replied_at = a.at from (select message_id, min(at) as at from p group by 1) a
                        where m.message_id = a.message_id and m.replied_at is null""")
                .execute(Tuple.tuple().addArrayOfString(column(replies, r -> r.reply().inboundId(), String[]::new))
                        .addArrayOfUUID(column(replies, r -> r.moved().id(), UUID[]::new))
                        .addArrayOfString(column(replies, Change.Replied::stepId, String[]::new))
                        .addArrayOfString(column(replies, Change.Replied::messageId, String[]::new))
                        .addArrayOfString(column(replies, Change.Replied::ledTo, String[]::new))
                        .addArrayOfOffsetDateTime(column(replies, r -> utc(r.reply().at()), OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** The webhook calls the walks decided, due now. */
    private Uni<Void> insertCalls(SqlClient tx) {
        if (calls.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into webhook_call (idempotency_key, run_id, step_id, visit, method, url, headers, body,
                          timeout_ms, status, next_at, created_at)
                        select k, r, s, v, m, u, h::jsonb, b, t, 'pending', $10, $10
                        from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::int[]) as c(k, r, s, v, m, u, h, b, t)
                        on conflict (idempotency_key) do nothing""")
                .execute(Tuple.tuple()
                        .addArrayOfString(column(calls, c -> c.request().idempotencyKey(), String[]::new))
                        .addArrayOfUUID(column(calls, Called::runId, UUID[]::new))
                        .addArrayOfString(column(calls, c -> c.request().stepId(), String[]::new))
                        .addArrayOfInteger(column(calls, Called::visit, Integer[]::new))
                        .addArrayOfString(column(calls, c -> c.request().method(), String[]::new))
                        .addArrayOfString(column(calls, c -> c.request().url(), String[]::new))
                        .addArrayOfString(column(calls, c -> MessageJson.write(c.request().headers()), String[]::new))
                        .addArrayOfString(column(calls, c -> c.request().body(), String[]::new))
                        .addArrayOfInteger(column(calls, c -> c.request().timeout() == null ? null
                                : (int) c.request().timeout().toMillis(), Integer[]::new))
                        .addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    /** What the attempts of this transaction left their calls in. */
    private Uni<Void> updateCalls(SqlClient tx) {
        if (callChanges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update webhook_call w set status = c.status, next_at = c.next_at, last_result = c.result,
                          failures = w.failures + case when c.failed then 1 else 0 end,
                          ended_at = case when c.status = 'pending' then null else $6::timestamptz end
                        from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bool[])
                          as c(key, status, next_at, result, failed)
                        where w.idempotency_key = c.key""")
                .execute(Tuple.tuple().addArrayOfString(column(callChanges, CallChange::key, String[]::new))
                        .addArrayOfString(column(callChanges, CallChange::status, String[]::new))
                        .addArrayOfOffsetDateTime(column(callChanges, c -> c.nextAt() == null ? null : utc(c.nextAt()),
                                OffsetDateTime[]::new))
                        .addArrayOfString(column(callChanges, CallChange::result, String[]::new))
                        .addArrayOfBoolean(column(callChanges, CallChange::failed, Boolean[]::new))
                        .addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    private Uni<Void> touchTimers(SqlClient tx) {
        if (activity.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Activity> rows = List.copyOf(activity.values());
        return tx.preparedQuery("""
                        insert into inactivity_timer (journey_id, contact_id, last_event_at, due_at)
                        select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
                        on conflict (journey_id, contact_id) do update
                          set last_event_at = excluded.last_event_at, due_at = excluded.due_at
                          where inactivity_timer.last_event_at < excluded.last_event_at""")
                .execute(Tuple.tuple().addArrayOfString(column(rows, Activity::journeyId, String[]::new))
                        .addArrayOfString(column(rows, Activity::contactId, String[]::new))
                        .addArrayOfOffsetDateTime(column(rows, a -> utc(a.at()), OffsetDateTime[]::new))
                        .addArrayOfOffsetDateTime(column(rows, a -> utc(a.dueAt()), OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static <R, T> T[] column(List<R> rows, Function<R, T> value, IntFunction<T[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.WebhookOutcome;
import io.drip.journey.engine.WebhookRequest;
import io.drip.journey.engine.WebhookResult;
import io.drip.journey.metrics.TimerLateness;
import io.drip.journey.webhook.WebhookConfig;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the runs' webhook calls, never inside a transaction: a batch of due calls is claimed
 * ({@code skip locked}) and leased (their next attempt is due only after their timeout and the
 * {@code lease-margin}, so a replica that dies mid-call leaves them to another), the claim commits,
 * the calls are made (at most {@code max-concurrency} a batch, all at once), then one transaction
 * takes their outcomes
 * ({@link WebhookOutcome}): the answer moves the run on holding it, a failure waits for its retry
 * or moves the run to {@code on_failure}. An outcome whose call was leased again meanwhile (its
 * attempt outlived the lease) or whose run moved on is dropped: the later attempt decides.
 */
@ApplicationScoped
public class WebhookQueue implements DueWork.Queue<WebhookQueue.DueCall> {
    /**
     * A claimed call: its request, its run at the step visit it belongs to, the attempt about to be
     * made (1 for the first); {@code live} when the run still waits for it.
     */
    public record DueCall(WebhookRequest request, UUID runId, int visit, int attempt, boolean live, Instant dueAt) {
    }

    private record Attempted(DueCall call, WebhookResult result) {
    }

    private record Stored(String status, int attempts) {
    }

    @Inject
    Pool pool;

    @Inject
    DatabaseClock clock;

    @Inject
    RunRepository runs;

    @Inject
    RunJourneys journeys;

    @Inject
    WebhookClient client;

    @Inject
    WebhookConfig config;

    @Inject
    Outbox outbox;

    @Inject
    TimerLateness lateness;

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public String describe(DueCall call) {
        return "webhook call " + call.request().idempotencyKey() + " of run " + call.runId();
    }

    /**
     * At most {@code max-concurrency} calls a batch, whatever the batch size: every call of a batch
     * is then made at once and ends within its timeout, inside its lease, and the batch's outcomes
     * are stored before any lease runs out (a larger batch queued behind the limit outlived its
     * leases against a slow shop, and other replicas made its calls again).
     */
    @Override
    public Uni<List<DueCall>> claim(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        select c.idempotency_key, c.run_id, c.step_id, c.visit, c.method, c.url, c.headers::text as headers,
                          c.body, c.timeout_ms, c.attempts, c.next_at, (r.status = 'active' and r.steps_taken = c.visit) as live
                        from webhook_call c join journey_run r on r.id = c.run_id
                        where c.status = 'pending' and c.next_at <= $1 and not r.held
                        order by c.next_at limit $2 for update of c skip locked""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), Math.min(limit, config.maxConcurrency())))
                .map(rows -> {
                    List<DueCall> due = new ArrayList<>();
                    rows.forEach(row -> due.add(toCall(row)));
                    return due;
                });
    }

    @SuppressWarnings("unchecked")
    private static DueCall toCall(Row row) {
        Integer timeout = row.getInteger("timeout_ms");
        WebhookRequest request = new WebhookRequest(row.getString("idempotency_key"), row.getString("step_id"),
                row.getString("method"), row.getString("url"), MessageJson.read(row.getString("headers"), Map.class),
                row.getString("body"), timeout == null ? null : Duration.ofMillis(timeout));
        return new DueCall(request, row.getUUID("run_id"), row.getInteger("visit"), row.getInteger("attempts") + 1,
                row.getBoolean("live"), row.getOffsetDateTime("next_at").toInstant());
    }

    @Override
    public Uni<Void> process(SqlConnection tx, DueCall call, Instant now) {
        return processAll(tx, List.of(call), now);
    }

    /** Leases the live calls for their attempt; a call whose run moved on or ended is abandoned. */
    @Override
    public Uni<Void> processAll(SqlConnection tx, List<DueCall> calls, Instant now) {
        calls.forEach(call -> lateness.fired(name(), call.dueAt(), now));
        String[] live = calls.stream().filter(DueCall::live).map(c -> c.request().idempotencyKey()).toArray(String[]::new);
        String[] abandoned = calls.stream().filter(c -> !c.live()).map(c -> c.request().idempotencyKey())
                .toArray(String[]::new);
        Uni<Void> lease = live.length == 0 ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        update webhook_call set attempts = attempts + 1,
                          next_at = $2::timestamptz + (coalesce(timeout_ms::bigint, $3) + $4) * interval '1 millisecond'
                        where idempotency_key = any($1)""")
                .execute(Tuple.of(live, now.atOffset(ZoneOffset.UTC), config.timeout().toMillis(),
                        config.leaseMargin().toMillis()))
                .replaceWithVoid();
        return lease.chain(() -> abandoned.length == 0 ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        update webhook_call set status = 'abandoned', next_at = null, ended_at = $2
                        where idempotency_key = any($1)""")
                .execute(Tuple.of(abandoned, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid());
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, DueCall call, Instant until) {
        return tx.preparedQuery("update webhook_call set next_at = $2 where idempotency_key = $1")
                .execute(Tuple.of(call.request().idempotencyKey(), until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The leased calls, made once their claim has committed; then their outcomes, in one transaction. */
    @Override
    public Uni<Void> afterCommit(List<DueCall> calls) {
        List<DueCall> live = calls.stream().filter(DueCall::live).toList();
        if (live.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(live)
                .onItem().transformToUni(call -> client.call(call.request()).map(result -> new Attempted(call, result)))
                .merge(live.size())
                .collect().asList()
                .chain(attempts -> pool.withTransaction(tx -> clock.now(tx).chain(now -> settle(tx, attempts, now))));
    }

    private Uni<Void> settle(SqlClient tx, List<Attempted> attempts, Instant now) {
        List<UUID> runIds = attempts.stream().map(a -> a.call().runId()).distinct().toList();
        return runs.activeRuns(tx, runIds).chain(active -> stored(tx, attempts).chain(stored ->
                journeys.versionsOf(active.values()).chain(versions -> {
                    RunWrites writes = new RunWrites(now);
                    for (Attempted attempted : attempts) {
                        DueCall call = attempted.call();
                        Run run = active.get(call.runId());
                        Stored current = stored.get(call.request().idempotencyKey());
                        if (run == null || run.stepsTaken() != call.visit() || current == null
                                || !"pending".equals(current.status()) || current.attempts() != call.attempt()) {
                            continue; // the run moved on, or a later attempt owns the call now
                        }
                        JourneyDefinition journey = versions.get(RunJourneys.key(run));
                        if (journey == null) {
                            writes.ended(run, null, Run.EXITED, "journey_removed");
                        } else {
                            writes.called(call.request().idempotencyKey(), WebhookOutcome.of(journey, run,
                                    attempted.result(), call.attempt(), config.policy(), now));
                        }
                    }
                    return writes.flush(tx, outbox);
                })));
    }

    /** The calls' status and attempts as stored, locked. */
    private static Uni<Map<String, Stored>> stored(SqlClient tx, List<Attempted> attempts) {
        return tx.preparedQuery("select idempotency_key, status, attempts from webhook_call where idempotency_key = any($1) "
                        + "for update")
                .execute(Tuple.of(attempts.stream().map(a -> a.call().request().idempotencyKey()).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Stored> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString("idempotency_key"),
                            new Stored(row.getString("status"), row.getInteger("attempts"))));
                    return stored;
                });
    }
}

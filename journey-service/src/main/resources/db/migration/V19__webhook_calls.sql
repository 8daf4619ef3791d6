-- Issue 16, webhooks: the answers of a run's webhook steps, by name (webhook.<name> in later
-- texts and conditions; erased with the contact).
alter table journey_run add column webhooks jsonb;
-- Every webhook call a run made, one row per visit of a webhook step: the request as the walker
-- rendered it, and its attempts. The run waits at its step with no timer of its own (next_at
-- null) while the call is pending; the webhook queue claims due calls (skip locked), leases them
-- (next_at moves past their timeout, so a replica that dies mid-call leaves the call to another)
-- and makes them outside any transaction.
create table webhook_call (
    idempotency_key text primary key,          -- sent as Idempotency-Key, the same on every attempt
    run_id          uuid        not null references journey_run (id),
    step_id         text        not null,
    visit           int         not null,      -- the run's steps_taken at the step: a stale answer is ignored
    method          text        not null,
    url             text        not null,
    headers         jsonb       not null,
    body            text,
    timeout_ms      int,                       -- null: the configured default
    status          text        not null,      -- pending, answered, failed, abandoned (the run moved on without it)
    attempts        int         not null default 0,
    failures        int         not null default 0,
    next_at         timestamptz,               -- when the next attempt is due (pending only)
    last_result     text,
    created_at      timestamptz not null,
    ended_at        timestamptz
);
create index webhook_call_due on webhook_call (next_at) where status = 'pending';
create index webhook_call_run on webhook_call (run_id);
create index webhook_call_created on webhook_call (created_at);

-- One state machine per contact and journey. next_at is the durable timer: the scheduler
-- advances active runs whose next_at has passed.
create table journey_run (
    id              uuid primary key,
    journey_id      text        not null,
    journey_version int         not null,
    contact_id      text        not null,
    status          text        not null,         -- active, completed, exited
    step_index      int         not null default 0,
    next_at         timestamptz,
    exit_reason     text,
    trigger_event   jsonb       not null,
    entered_at      timestamptz not null,
    updated_at      timestamptz not null
);
-- Invariant 3: at most one active run per contact per journey.
create unique index journey_run_one_active on journey_run (journey_id, contact_id) where status = 'active';
create index journey_run_due on journey_run (next_at) where status = 'active';

-- Every message a run sent, with what became of it (deliveries and clicks).
create table message (
    message_id      text primary key,
    run_id          uuid        not null references journey_run (id),
    journey_id      text        not null,
    journey_version int         not null,
    step_id         text        not null,
    variant         text,
    contact_id      text        not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    suppressed_at   timestamptz,
    status_reason   text,
    first_click_at  timestamptz,
    clicks          int         not null default 0
);
create index message_journey_step on message (journey_id, step_id);

-- What happened to each run, step by step, written in the transaction that did it: the answer
-- to "why did this person get this message?".
create table run_history (
    id      bigserial primary key,
    run_id  uuid        not null references journey_run (id),
    at      timestamptz not null,
    step_id text,
    what    text        not null,   -- entered, sent, skipped, waiting, resumed, timed_out, branched, assigned, converted, exited, completed
    detail  text
);
create index run_history_run on run_history (run_id, id);

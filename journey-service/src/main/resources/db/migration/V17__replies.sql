-- Issue 16, replies: a run waiting for a reply (wait_for: {reply_to}) keeps the answer it got for
-- its later texts and conditions (`reply`: text, keyword, at; erased with the contact).
alter table journey_run add column reply jsonb;
-- The messages that got an answer (stats: replied per step and variant).
alter table message add column replied_at timestamptz;
-- Every answer: the wait_for step it answered, the message it answered and the step it led to
-- (stats: per reply wait, the answers by where they led). No text: that is the run's.
create table run_reply (
    inbound_id      text primary key,
    run_id          uuid        not null references journey_run (id),
    step_id         text        not null,
    message_id      text        not null,
    led_to          text        not null,   -- a step id, or (end)
    at              timestamptz not null
);
create index run_reply_run on run_reply (run_id);

-- Every call the sandbox provider received, a second call for one message included (the inbox
-- keeps one row per message): what a ledger counts "submitted twice" from (bench/chaos-run.sh).
create table sandbox_submission (
  id           bigserial primary key,
  message_id   text        not null,
  to_phone     text        not null,
  submitted_at timestamptz not null
);
create index sandbox_submission_message on sandbox_submission (message_id);

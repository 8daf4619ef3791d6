-- Issue 16, audiences on a schedule: one row per audience journey and round (named by its local
-- date and time). A round enters its segment's members page by page; each page's runs, the
-- member the page ended at and the counts are written in one transaction, so a restart resumes
-- after the last page committed: no member skipped, none entered twice. The row is claimed
-- for update skip locked: one replica enters a round at a time.
create table audience_round (
    journey_id     text        not null,
    round          timestamp   not null,   -- the round's local date and time
    starts_at      timestamptz not null,   -- when it starts entering (UTC+14 for local_time)
    due_at         timestamptz not null,   -- when its next page is entered (later after a failure)
    status         text        not null,   -- planned, entering, done
    segment        text,                   -- set when it starts
    audience_size  bigint,                 -- the segment's size when it started
    after_member   text,                   -- the contact id the last page ended at (the keyset cursor)
    reached        bigint      not null default 0,   -- members entered or passed over (re-entry, condition)
    entered        bigint      not null default 0,   -- runs entered
    started_at     timestamptz,
    finished_at    timestamptz,
    primary key (journey_id, round)
);
create index audience_round_due on audience_round (due_at) where status <> 'done';

-- Issue 6: the click path costs less per click (docs/benchmarks.md).
-- Click ids are UUIDs (version 7): half the index of their text form.
alter table click alter column click_id type uuid using click_id::uuid;
-- The redirect found the link before it took the click, and links are never deleted (an erasure
-- pseudonymises them): the per-row foreign-key check bought nothing.
alter table click drop constraint click_code_fkey;

-- tracking-service's outbox for clicks: one row per batch of clicks, written in the batch's
-- transaction, naming the clicks that are not yet on drip.clicks.v1; deleted once the broker has
-- acknowledged all of them. The clicks themselves are the payload (ClickPublisher, ClickRecovery).
create table click_batch (
    id          bigserial   primary key,
    click_ids   uuid[]      not null,
    created_at  timestamptz not null default now()
);

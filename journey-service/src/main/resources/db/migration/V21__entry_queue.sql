-- Issue 16, entry throttling: the next free entry slot of each journey whose trigger is
-- throttled. Each transaction that enters runs moves it on by one interval per run, under the
-- row's lock, so the rate holds across replicas and the slots follow the order of entry.
create table entry_queue (
    journey_id text primary key,
    next_slot  timestamptz not null
);
-- The slot a throttled run waits for before its first step; the journey's queue (stats) is its
-- active runs whose slot is still ahead.
alter table journey_run add column entry_slot timestamptz;
create index journey_run_queued on journey_run (journey_id, entry_slot) where entry_slot is not null and status = 'active';

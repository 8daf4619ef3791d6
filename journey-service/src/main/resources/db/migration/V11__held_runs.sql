-- The runs of a paused journey are held back, out of the due index: the timer's claims never
-- scan a paused journey's backlog (a `journey_id not in (paused)` filter walked past every due run
-- of it on every claim).
alter table journey_run add column held boolean not null default false;
update journey_run set held = true
where status = 'active' and journey_id in (select journey_id from journey_status where status = 'paused');
drop index journey_run_due;
create index journey_run_due on journey_run (next_at) where status = 'active' and not held;

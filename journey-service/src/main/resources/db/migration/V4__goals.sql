-- Conversions: once per run, attributed to the message (step, variant) that last reached the
-- contact before the goal event.
alter table journey_run add column converted_at timestamptz;
alter table journey_run add column revenue numeric;
alter table message add column converted_at timestamptz;
alter table message add column revenue numeric;

-- When a run ended: a holdout run's conversion window starts when it was held out (it got no
-- message to count from).
alter table journey_run add column ended_at timestamptz;
update journey_run set ended_at = updated_at where status <> 'active';

-- The A/B variant a run was assigned (null before any split), and how many steps it has taken:
-- the step count makes each send's idempotency key unique even when a loop revisits a step.
alter table journey_run add column variant text;
alter table journey_run add column steps_taken int not null default 0;

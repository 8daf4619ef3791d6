-- waiting: the run sits at a wait_for step until the awaited event or click, or its timeout
-- (next_at) comes. The contact index serves event routing and re-entry checks.
alter table journey_run add column waiting boolean not null default false;
create index journey_run_contact on journey_run (contact_id, journey_id, entered_at);

-- Issue 16: a marketer may start an audience journey's round now (POST /v1/journeys/{id}/audience/rounds),
-- beside its schedule. Such a round is named by the moment it was started in DRIP_DEFAULT_TIMEZONE
-- and reaches every member at once, whatever their zone; the planner does not count it as a round
-- of the schedule.
alter table audience_round add column manual boolean not null default false;

-- One timer per inactivity journey and contact: every event of the contact pushes it back; when
-- it comes due, the contact enters the journey.
create table inactivity_timer (
    journey_id    text        not null,
    contact_id    text        not null,
    last_event_at timestamptz not null,
    due_at        timestamptz not null,
    primary key (journey_id, contact_id)
);
create index inactivity_timer_due on inactivity_timer (due_at);

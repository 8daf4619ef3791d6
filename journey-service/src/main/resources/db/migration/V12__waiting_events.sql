-- Track events held until their contact's snapshot arrives (a trigger's `when` reads the
-- contact), with the contact's later events behind them so its order holds. Rows are released
-- in id order per contact; they hold the event as it came (personal data: erasure deletes them).
create table waiting_event (
  id bigserial primary key,
  contact_id text not null,
  message jsonb not null,
  traceparent text,
  waiting_since timestamptz not null,
  next_look_at timestamptz not null
);
create index waiting_event_contact on waiting_event (contact_id, id);
create index waiting_event_due on waiting_event (next_look_at);

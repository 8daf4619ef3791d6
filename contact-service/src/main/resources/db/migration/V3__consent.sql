-- Consent audit trail: every decision, append-only (a trigger refuses updates; rows go only
-- with the person, on erasure). contact.consent holds the current state the snapshot carries.
create table consent_event (
    id          bigserial primary key,
    contact_id  text        not null,     -- as it was then (an alias keeps its rows; export follows aliases)
    channel     text        not null,
    category    text        not null,
    state       text        not null,     -- opted_in, opted_out, pending
    source      text        not null,     -- api, import, keyword
    message_id  text,                     -- inbound SMS id, import row, request reference
    ip          text,
    actor       text,                     -- API key name or import; null for keywords
    keyword     text,
    at          timestamptz not null,
    recorded_at timestamptz not null default now()
);
create index consent_event_contact on consent_event (contact_id, id);

create function consent_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_event is append-only';
end $$;
create trigger consent_event_append_only before update on consent_event
    for each row execute function consent_event_append_only();

-- Double opt-in requests waiting for the "Y" reply.
create table consent_pending (
    contact_id   text        not null,
    channel      text        not null,
    category     text        not null,
    requested_at timestamptz not null,
    expires_at   timestamptz not null,
    primary key (contact_id, channel, category)
);

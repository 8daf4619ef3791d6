-- Provider attempts. A message being handed to a provider is 'sending': the attempt was
-- committed before the call, so a crash during the call leaves a trace that SendingRecovery
-- resolves (docs/sending.md, "Crash between provider call and commit").
alter table outgoing_message add column attempts int not null default 0;
-- When dispatch queued the command (created_at is when the command was made): the wait for an
-- unseen contact counts from here, so an old command is not failed before its contact can arrive.
alter table outgoing_message add column queued_at timestamptz not null default now();
alter table outgoing_message add column sending_since timestamptz;
alter table outgoing_message add column route text;
-- SMS segments of the message as sent (the provider's count when it gives one).
alter table outgoing_message add column segments int;
create index outgoing_message_sending on outgoing_message (sending_since) where status = 'sending';
-- Delivery receipts find their message by the provider's id.
create index outgoing_message_provider_id on outgoing_message (provider, provider_message_id);

-- Every status change of a message, for GET /v1/messages/{id}.
create table message_event (
    id         bigserial primary key,
    message_id text        not null,
    status     text        not null,
    reason     text,
    provider   text,
    at         timestamptz not null
);
create index message_event_message on message_event (message_id, id);

-- The rate of each route, shared by all replicas: a route of rate N has N slots; a call takes
-- a slot that was last used over a second ago, so no second holds more than N calls.
create table route_slot (
    route   text        not null,
    slot    int         not null,
    used_at timestamptz not null,
    primary key (route, slot)
);

-- Numbers a provider refused for good (invalid, not mobile, blocked): later sends to them are
-- suppressed with reason undeliverable.
create table undeliverable_number (
    phone    text primary key,
    reason   text        not null,
    provider text        not null,
    at       timestamptz not null
);

-- The sandbox accepts a message once, so resubmitting after a crash is safe.
alter table sandbox_message add constraint sandbox_message_once unique (message_id);

-- Inbound SMS are matched to the contact by number.
create index contact_snapshot_phone on contact_snapshot ((snapshot ->> 'phone'));

-- Inbound SMS (MO) as providers reported them; contact_id null when no contact has the number.
create table inbound_message (
    id         text primary key,            -- provider:provider message id
    contact_id text,
    from_phone text        not null,
    to_phone   text,
    text       text        not null,
    keyword    text,
    provider   text        not null,
    at         timestamptz not null
);
create index inbound_message_from on inbound_message (from_phone, at);

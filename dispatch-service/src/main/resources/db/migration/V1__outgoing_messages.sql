-- Every send command accepted, and what became of it. The unique idempotency key is what makes
-- a redelivered or re-emitted command a no-op (invariant 2).
create table outgoing_message (
    message_id          text primary key,
    idempotency_key     text        not null unique,
    contact_id          text        not null,
    journey_id          text,
    step_id             text,
    category            text        not null,
    text                text        not null,
    command             jsonb       not null,
    status              text        not null,   -- pending, sent, delivered, failed, undelivered, suppressed
    reason              text,
    provider            text,
    provider_message_id text,
    to_phone            text,
    next_attempt_at     timestamptz,
    created_at          timestamptz not null,
    sent_at             timestamptz,
    delivered_at        timestamptz
);
create index outgoing_message_due on outgoing_message (next_attempt_at) where status = 'pending';
create index outgoing_message_contact on outgoing_message (contact_id);

-- The sandbox provider's phone network: what it "sent", and when its receipt comes back.
create table sandbox_message (
    id             text primary key,            -- the provider message id
    message_id     text        not null,
    to_phone       text        not null,
    text           text        not null,
    status         text        not null,        -- sent, delivered, undelivered
    created_at     timestamptz not null,
    receipt_due_at timestamptz,
    receipt_at     timestamptz
);
create index sandbox_message_receipt_due on sandbox_message (receipt_due_at) where status = 'sent';
create index sandbox_message_to on sandbox_message (to_phone, created_at);

-- Transactional outbox: rows written in the same transaction as the state they announce,
-- published to Kafka by OutboxRelay and deleted once the broker has acknowledged them.
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    record_key text        not null,
    payload    text,                      -- null publishes a tombstone
    created_at timestamptz not null default now()
);

-- Idempotent consumers: the id of every record already applied (event messageId, send
-- idempotency key, DLR id, click id), written in the transaction that applies it.
create table processed_record (
    id           text primary key,
    processed_at timestamptz not null default now()
);

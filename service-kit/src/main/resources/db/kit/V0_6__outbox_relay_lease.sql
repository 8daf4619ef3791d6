-- One relay at a time publishes a service's outbox (OutboxRelay): the replica holding this lease,
-- renewed on the database's clock, so records of one key leave in the order they were written.
create table outbox_relay_lease (
    id    int primary key default 1 check (id = 1),
    owner text        not null,
    until timestamptz not null
);

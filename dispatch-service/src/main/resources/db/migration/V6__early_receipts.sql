-- Receipts that overtook the commit of their message's 'sent' (a fast provider): kept here and
-- applied as soon as the message is recorded as sent.
create table early_receipt (
    provider             text        not null,
    provider_message_id  text        not null,
    status               text        not null,
    reason               text,
    number_undeliverable boolean     not null,
    at                   timestamptz not null,
    primary key (provider, provider_message_id)
);

-- Numbers that opted out by keyword (STOP, TD, STOPALL...), per category, until the number
-- opts in again itself. Only HMAC-SHA256(key, E.164) is kept, no other personal data, and
-- erasure does not touch it: regulators expect a STOP to be honoured after the person's
-- deletion. (service-kit's SuppressionList; a service opts in with Flyway's db/suppression.)
create table suppressed_number (
    number_hash bytea       not null,
    category    text        not null,     -- marketing, transactional (channel sms)
    at          timestamptz not null,     -- the latest opt-out
    primary key (number_hash, category)
);

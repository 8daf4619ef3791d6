-- The contacts erased in this service, by the SHA-256 (hex) of their id alone (service-kit
-- ErasedContacts): a record that arrives after the tombstone is recognised and stores nothing
-- personal. erased_at is when this service processed the erasure (its database clock).
create table erased_contact (
    id_hash text primary key,
    erased_at timestamptz not null
);

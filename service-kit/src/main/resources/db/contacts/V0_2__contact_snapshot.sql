-- A service's copy of the contacts it needs, projected from compacted drip.contacts.v1 by
-- ContactSnapshots; a snapshot older than the one held is ignored, a tombstone deletes.
create table contact_snapshot (
    id         text primary key,
    version    bigint      not null,
    snapshot   jsonb       not null,
    updated_at timestamptz not null
);

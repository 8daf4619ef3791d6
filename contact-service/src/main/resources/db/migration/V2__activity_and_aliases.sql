-- When the contact last did anything (track, page, identify, inbound SMS), for reports.
alter table contact add column last_activity_at timestamptz;

-- Ids merged into another contact by an alias call: later messages under the old id change the
-- contact it was merged into.
create table contact_alias (
    alias_id   text primary key,
    contact_id text        not null,
    created_at timestamptz not null default now()
);
create index contact_alias_contact on contact_alias (contact_id);

-- Search by trait value (GET /v1/contacts?trait.email=...) uses containment (@>).
create index contact_traits on contact using gin (traits jsonb_path_ops);

-- GDPR erasures, without personal data: which API key asked, when, and how many records of
-- each kind were removed. The id is the receipt given to the caller.
create table erasure_audit (
    id           text primary key,
    erased_at    timestamptz not null,
    requested_by text        not null,
    removed      jsonb       not null
);

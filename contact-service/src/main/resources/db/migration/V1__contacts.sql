-- What contact-service knows about a person. traits and consent are JSON because their keys
-- are the backend's; everything a query filters on has its own column.
create table contact (
    id           text primary key,
    version      bigint      not null,
    phone        text,                    -- E.164 when phone_status is valid or not_mobile
    phone_raw    text,                    -- as the backend sent it, for invalid numbers
    phone_status text        not null,
    timezone     text        not null,
    locale       text,
    traits       jsonb       not null default '{}',
    consent      jsonb       not null default '{}',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null
);

create index contact_phone on contact (phone);

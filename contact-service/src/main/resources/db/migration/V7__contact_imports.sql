-- Imports that run on after their request was answered (POST /v1/contacts/imports), and how far
-- each got: any replica answers GET /v1/contacts/imports/{id} from here.
create table contact_import (
    id            text primary key,
    actor         text        not null,
    status        text        not null,   -- running, done, failed
    expected_rows bigint      not null,   -- lines after the header (a quoted cell may span lines)
    rows          bigint      not null default 0,
    created       bigint      not null default 0,
    updated       bigint      not null default 0,
    unchanged     bigint      not null default 0,
    failed        bigint      not null default 0,
    report        jsonb,                  -- the ImportReport once done
    problem       text,                   -- why it stopped, when failed
    started_at    timestamptz not null,
    updated_at    timestamptz not null
);

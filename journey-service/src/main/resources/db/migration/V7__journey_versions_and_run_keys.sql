-- Every version of every journey, as written: runs in flight finish on the version they started
-- on, and a replica that did not read the file or take the API call still finds it here.
create table journey_version (
    journey_id text        not null,
    version    int         not null,
    yaml       text        not null,
    origin     text        not null,   -- the file it came from, or "api"
    checksum   text        not null,   -- SHA-256 of yaml: the same text is not a new version
    created_at timestamptz not null default now(),
    primary key (journey_id, version)
);
-- active (contacts enter), paused (no entries, runs held where they are), archived (no entries, runs ended).
create table journey_status (
    journey_id text primary key,
    status     text        not null,
    updated_at timestamptz not null default now()
);

-- One active run per contact and journey, or per contact, journey and key (e.g. a cart id)
-- when the journey's trigger names one; '' when it does not.
alter table journey_run add column run_key text not null default '';
drop index journey_run_one_active;
create unique index journey_run_one_active on journey_run (journey_id, contact_id, run_key) where status = 'active';

-- Segment membership: contact.segments is what the snapshot carries; segments_version the
-- contact version it was evaluated at (null or older: due for evaluation).
alter table contact add column segments text[];
alter table contact add column segments_version bigint;
create index contact_segments_due on contact (updated_at) where segments_version is distinct from version;

create table segment_membership (
    segment_id text        not null,
    contact_id text        not null,
    entered_at timestamptz not null,
    primary key (segment_id, contact_id)
);
create index segment_membership_contact on segment_membership (contact_id);

-- Order Completed events (revenue from properties), the input of RFM.
create table order_event (
    message_id text primary key,
    contact_id text           not null,
    revenue    numeric(14, 2) not null,
    at         timestamptz    not null
);
create index order_event_contact on order_event (contact_id);

-- RFM scores 1-5 by quintile across the contacts with orders, and the named RFM segment.
create table contact_rfm (
    contact_id    text primary key,
    recency       int            not null,
    frequency     int            not null,
    monetary      int            not null,
    segment       text           not null,
    orders        int            not null,
    revenue       numeric(14, 2) not null,
    last_order_at timestamptz    not null,
    computed_at   timestamptz    not null
);

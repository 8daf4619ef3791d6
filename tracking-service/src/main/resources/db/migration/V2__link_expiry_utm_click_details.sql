-- Issue 6: what a link resolves to (with UTM parameters), when it expires, and what each click was.
alter table link add column journey_version integer;
alter table link add column destination text;
alter table link add column expires_at timestamptz;
update link set destination = url, expires_at = created_at + interval '90 days';
alter table link alter column destination set not null;
alter table link alter column expires_at set not null;
create index link_journey_step_variant on link (journey_id, step_id, variant);

-- bot_reason says why a click does not count as a person's (null: a person, as far as we can tell).
alter table click add column method      text    not null default 'GET';
alter table click add column device      text;
alter table click add column os          text;
alter table click add column browser     text;
alter table click add column bot         boolean not null default false;
alter table click add column bot_reason  text;

-- When each message was delivered (drip.deliveries.v1): a click seconds later is a machine's.
create table delivery (
    message_id   text primary key,
    delivered_at timestamptz not null
);

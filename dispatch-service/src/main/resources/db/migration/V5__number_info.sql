-- Where the number belongs (libphonenumber), for delivery reports by country, region, carrier.
alter table outgoing_message add column country text;
alter table outgoing_message add column region text;
alter table outgoing_message add column carrier text;
create index outgoing_message_report on outgoing_message (journey_id, step_id, created_at);

-- The bulk lane (Outbox.addBulk): published after every record of the normal lane.
alter table outbox add column bulk boolean not null default false;
create index outbox_lane on outbox (bulk, id);

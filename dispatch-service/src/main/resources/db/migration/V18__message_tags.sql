-- Tags of a message (send command's tags, e.g. abandoned_cart, promo:shoes, urgent), counted by
-- the caps per tag (FrequencyCaps). Adding a column with a constant default rewrites nothing.
alter table outgoing_message add column tags text[] not null default '{}';

-- Issue 6: the country of the click's address, where a local IP database is configured.
alter table click add column country text;

-- Issue 17, send-time choice (best_time on a send step): human clicks by local hour of day (the
-- contact's time zone at the click), per contact and per country (the region of the contact's
-- phone number), added to by the clicks consumer a batch at a time. A contact's rows go when it
-- is erased; a country's counts name no one.
create table contact_click_hour (
    contact_id  text     not null,
    hour        smallint not null check (hour between 0 and 23),
    clicks      bigint   not null,
    primary key (contact_id, hour)
);
create table country_click_hour (
    country     text     not null,
    hour        smallint not null check (hour between 0 and 23),
    clicks      bigint   not null,
    primary key (country, hour)
);

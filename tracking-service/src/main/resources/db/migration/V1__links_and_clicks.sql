-- Every short link of every message: the code resolves only to the URL registered for it.
create table link (
    code        text primary key,
    url         text        not null,
    message_id  text        not null,
    contact_id  text        not null,
    journey_id  text,
    step_id     text,
    variant     text,
    created_at  timestamptz not null
);
create index link_contact on link (contact_id);

create table click (
    click_id    text primary key,
    code        text        not null references link (code),
    at          timestamptz not null,
    ip          text,
    user_agent  text
);
create index click_code on click (code);

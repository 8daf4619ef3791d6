-- Per route and category, the turn of the last message put back to wait for the route's rate.
-- Messages that find the route at its rate are given turns behind it, spaced by the rate, so each
-- is claimed about once more when its turn comes instead of every moment until a slot is free.
-- Transactional messages queue apart and are claimed first, ahead of a marketing blast.
create table route_queue (
    route    text not null,
    category text not null,
    tail     timestamptz not null,
    primary key (route, category)
);

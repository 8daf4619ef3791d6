-- Dispatch claims due transactional messages before marketing ones: one index per kind, so a
-- backlog of due marketing messages is never scanned to find an order confirmation.
drop index outgoing_message_due;
create index outgoing_message_due on outgoing_message (category, next_attempt_at) where status = 'pending';

-- A route's free slots are found by when they were last used: with an index, taking slots stays
-- cheap on a route of 100,000 per second (as many rows).
create index route_slot_free on route_slot (route, used_at);

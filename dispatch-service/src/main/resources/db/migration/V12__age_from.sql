-- A message's age for max-age counts from age_from: when it was made, or its not-before if later,
-- moved forward by every wait Drip's own rules imposed (quiet hours, days without marketing,
-- a route's rate), so a message deferred over a long weekend is not dropped as expired.
-- A message already waiting counts its age from its next attempt (its deferral is not known apart).
alter table outgoing_message add column age_from timestamptz;
update outgoing_message
set age_from = case when status = 'pending' then greatest(created_at, next_attempt_at) else created_at end;
alter table outgoing_message alter column age_from set not null;

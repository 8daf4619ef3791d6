-- What a sent message cost: the provider's price when it says (Twilio), else the route's
-- configured cost per segment times the segments; null when neither is known.
alter table outgoing_message add column cost numeric, add column cost_currency text;

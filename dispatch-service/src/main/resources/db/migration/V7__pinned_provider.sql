-- The only provider that may still carry a message: one that may already have it (an attempt
-- whose outcome is unknown) and takes a message id once. Another provider would send a second SMS.
alter table outgoing_message add column pinned_provider text;

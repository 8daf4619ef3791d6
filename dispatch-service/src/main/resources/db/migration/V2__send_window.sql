-- The journey's send window of a message ("HH:mm" in the contact's time zone), overriding the
-- default quiet hours; null for the default.
alter table outgoing_message add column window_from text;
alter table outgoing_message add column window_to text;
-- Frequency caps count a contact's recent marketing messages.
create index outgoing_message_contact_sent on outgoing_message (contact_id, sent_at) where category = 'marketing';

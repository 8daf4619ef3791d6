-- An erasure finds the contact's messages (run/RunErasure).
create index message_contact on message (contact_id);

-- An erasure finds the contact's inbound SMS (message/MessageErasure).
create index inbound_message_contact on inbound_message (contact_id);

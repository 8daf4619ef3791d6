-- The text as sent (with the compliance prefix and footer of marketing) and its encoding
-- (GSM7 or UCS2); segments counts its parts.
alter table outgoing_message add column sent_text text;
alter table outgoing_message add column encoding text;

-- The image URLs of an MMS the sandbox "sent" (null: an SMS), shown in its inbox. The queue
-- (outgoing_message) reads an MMS's media from the command it keeps.
alter table sandbox_message add column media text[];

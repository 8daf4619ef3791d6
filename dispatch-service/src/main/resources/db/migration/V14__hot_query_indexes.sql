-- Issue 19, a year of data: indexes for the queries of the messages API on a big outgoing_message.
-- Built concurrently, so the table keeps taking writes during the build (a plain create index
-- blocks them for as long as it reads the table); Flyway runs a file of such statements outside a
-- transaction (service-kit SessionMigrationLock). A build that fails leaves an invalid index:
-- drop it before the migration is repaired and run again.

-- A contact's messages, newest first (GET /v1/messages?contact=): the newest are read, not all of
-- the contact's. It serves every other lookup by contact (erasure) too, so it replaces the old one.
create index concurrently if not exists outgoing_message_contact_created on outgoing_message (contact_id, created_at);
drop index concurrently if exists outgoing_message_contact;
-- Messages in a status, newest first (GET /v1/messages?status=failed).
create index concurrently if not exists outgoing_message_status_created on outgoing_message (status, created_at);

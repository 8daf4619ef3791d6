-- Issue 19, a year of data: indexes for the queries that read a big table by something other
-- than its key. Built concurrently, so the tables keep taking writes during the build (a plain
-- create index blocks them for as long as it reads the table); Flyway runs a file of such
-- statements outside a transaction (service-kit SessionMigrationLock). A build that fails leaves
-- an invalid index: drop it before the migration is repaired and run again.

-- A goal event finds the last message of the contact's runs (RunRepository): it read every message.
create index concurrently if not exists message_run on message (run_id);
-- Journey stats (JourneyResource) read one journey's runs, of one version or all.
create index concurrently if not exists journey_run_journey on journey_run (journey_id, journey_version);
-- An erasure deletes the contact's inactivity timers (RunErasure); their key starts with the journey.
create index concurrently if not exists inactivity_timer_contact on inactivity_timer (contact_id);

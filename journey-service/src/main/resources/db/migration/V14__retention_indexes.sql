-- Issue 19: the retention job (service-kit Pruner, journey retention/JourneyRetention) finds old
-- run history by its time. Built concurrently, so the table keeps taking writes
-- (service-kit SessionMigrationLock).
create index concurrently if not exists run_history_at on run_history (at);

-- Issue 19: the retention job (service-kit Pruner) deletes old processed-record ids by their age.
-- Built concurrently, so the table keeps taking writes (service-kit SessionMigrationLock).
create index concurrently if not exists processed_record_age on processed_record (processed_at);

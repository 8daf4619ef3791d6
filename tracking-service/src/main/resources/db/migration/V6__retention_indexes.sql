-- Issue 19: the retention job (service-kit Pruner, tracking retention/TrackingRetention) finds old
-- clicks and delivery times by their time. Built concurrently, so the tables keep taking writes
-- (service-kit SessionMigrationLock).
create index concurrently if not exists click_at on click (at);
create index concurrently if not exists delivery_at on delivery (delivered_at);

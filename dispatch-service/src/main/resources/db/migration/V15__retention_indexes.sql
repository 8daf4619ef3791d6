-- Issue 19: the retention job (service-kit Pruner, dispatch retention/DispatchRetention) finds old
-- rows by their time. Built concurrently, so the tables keep taking writes
-- (service-kit SessionMigrationLock).
create index concurrently if not exists message_event_at on message_event (at);
-- Early receipts are applied within seconds; only those whose message never became sent stay.
create index concurrently if not exists early_receipt_at on early_receipt (at);

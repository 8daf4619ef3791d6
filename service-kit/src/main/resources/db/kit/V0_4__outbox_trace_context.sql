-- The W3C trace context (traceparent) of the transaction that wrote the row: the relay publishes
-- the record in that trace, so a trace follows an event across the outbox's Kafka hop.
alter table outbox add column traceparent text;

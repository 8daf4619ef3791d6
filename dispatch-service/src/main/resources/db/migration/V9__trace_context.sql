-- Issue 7: the trace of the send command, so statuses published later from the queue continue it.
alter table outgoing_message add column traceparent text;

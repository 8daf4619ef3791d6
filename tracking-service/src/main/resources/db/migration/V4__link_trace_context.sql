-- Issue 7: the trace of the send command that registered the link; its clicks continue it.
alter table link add column traceparent text;

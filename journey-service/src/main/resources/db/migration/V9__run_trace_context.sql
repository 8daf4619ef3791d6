-- Issue 7: the trace of the event that started the run; the records of all its steps continue it.
alter table journey_run add column traceparent text;

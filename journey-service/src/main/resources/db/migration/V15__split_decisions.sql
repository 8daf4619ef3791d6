-- The winners of splits with auto_winner: one row per journey version and split step, written
-- once (the primary key makes the first replica's insert the decision), with the evidence.
create table split_decision (
  journey_id text not null,
  journey_version int not null,
  step_id text not null,
  winner text not null,
  metric text not null,
  evidence jsonb not null,
  decided_at timestamptz not null,
  primary key (journey_id, journey_version, step_id)
);

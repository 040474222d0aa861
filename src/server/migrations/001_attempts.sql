-- Attempts submitted by devices, stored with the server's own score (re-scored from the replies).
create table attempts (
  id text primary key,
  employee_no text not null,
  name text not null,
  department text not null,
  scenario_id text not null,
  scenario_version integer not null,
  mode text not null,
  started_at timestamptz not null,
  received_at timestamptz not null default now(),
  score integer not null,
  passed boolean not null,
  ending_kind text,
  -- the replies as submitted, and the server's report (core/stored-report.ts)
  replies jsonb not null,
  report jsonb not null
);

create index attempts_employee on attempts (employee_no, started_at);

create index attempts_scenario on attempts (scenario_id, started_at);

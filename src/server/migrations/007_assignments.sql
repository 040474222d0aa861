-- Where a roster person works besides their department, and their role (岗位): what an
-- assignment may target. Old rosters leave both empty.
alter table people add column store text not null default '';

alter table people add column position text not null default '';

-- One row per person, scenario and mode: the best of their attempts in that mode and when
-- they first passed, kept by the triggers below, so "which modes count" is chosen when reading.
create table mode_scores (
  person_id bigint not null references people (id) on delete cascade,
  scenario_id text not null,
  mode text not null,
  best_score integer not null,
  passed boolean not null,
  attempts integer not null,
  first_passed_at timestamptz,
  last_at timestamptz not null,
  primary key (person_id, scenario_id, mode)
);

insert into mode_scores (person_id, scenario_id, mode, best_score, passed, attempts,
  first_passed_at, last_at)
select person_id, scenario_id, mode, max(score), bool_or(passed), count(*),
  min(started_at) filter (where passed), max(started_at)
from attempts where person_id is not null group by person_id, scenario_id, mode;

-- Every insert into attempts (one or a batch) folds its rows into mode_scores.
create function mode_scores_add() returns trigger language plpgsql as $$ begin insert into mode_scores as m (person_id, scenario_id, mode, best_score, passed, attempts, first_passed_at, last_at) select person_id, scenario_id, mode, max(score), bool_or(passed), count(*), min(started_at) filter (where passed), max(started_at) from inserted where person_id is not null group by person_id, scenario_id, mode on conflict (person_id, scenario_id, mode) do update set best_score = greatest(m.best_score, excluded.best_score), passed = m.passed or excluded.passed, attempts = m.attempts + excluded.attempts, first_passed_at = least(m.first_passed_at, excluded.first_passed_at), last_at = greatest(m.last_at, excluded.last_at); return null; end $$;

create trigger attempts_mode_scores_add after insert on attempts
  referencing new table as inserted for each statement execute function mode_scores_add();

-- Deleted attempts (a person's records erased on request) are taken out again: the rows they
-- touched are rebuilt from the attempts that remain.
create function mode_scores_remove() returns trigger language plpgsql as $$ begin delete from mode_scores m using (select distinct person_id, scenario_id, mode from removed) r where m.person_id = r.person_id and m.scenario_id = r.scenario_id and m.mode = r.mode; insert into mode_scores (person_id, scenario_id, mode, best_score, passed, attempts, first_passed_at, last_at) select a.person_id, a.scenario_id, a.mode, max(a.score), bool_or(a.passed), count(*), min(a.started_at) filter (where a.passed), max(a.started_at) from attempts a join (select distinct person_id, scenario_id, mode from removed) r on a.person_id = r.person_id and a.scenario_id = r.scenario_id and a.mode = r.mode group by a.person_id, a.scenario_id, a.mode; return null; end $$;

create trigger attempts_mode_scores_remove after delete on attempts
  referencing old table as removed for each statement execute function mode_scores_remove();

create index mode_scores_scenario on mode_scores (scenario_id, mode);

create index people_store on people (role, store);

-- Company-wide settings HR keeps on the server, e.g. {"completionModes": ["exam"]}.
create table company_settings (
  key text primary key,
  value jsonb not null,
  updated_by bigint references people (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- An assignment: a scenario to pass in one of `modes` by `due_at`, for everyone a target names
-- (departments, stores, roles or people by id), read when asked, so newcomers are included.
create table assignments (
  id bigserial primary key,
  scenario_id text not null,
  modes text[] not null check (cardinality(modes) > 0),
  due_at timestamptz not null,
  departments text[] not null default '{}',
  stores text[] not null default '{}',
  positions text[] not null default '{}',
  person_ids bigint[] not null default '{}',
  created_by bigint not null references people (id),
  created_at timestamptz not null default now()
);

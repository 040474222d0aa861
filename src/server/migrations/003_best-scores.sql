-- One row per person and scenario: the best of their attempts, kept up to date as attempts
-- arrive, so the HR matrix reads headcount × scenarios rows instead of every attempt.
create table best_scores (
  person_id bigint not null references people (id) on delete cascade,
  scenario_id text not null,
  best_score integer not null,
  passed boolean not null,
  attempts integer not null,
  last_at timestamptz not null,
  primary key (person_id, scenario_id)
);

insert into best_scores (person_id, scenario_id, best_score, passed, attempts, last_at)
select person_id, scenario_id, max(score), bool_or(passed), count(*), max(started_at)
from attempts where person_id is not null group by person_id, scenario_id;

create index people_role_department on people (role, department, name);

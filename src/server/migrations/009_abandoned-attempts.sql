-- An attempt the trainee abandoned (started over, an exam restarted) is kept with its
-- conversation so far and no score: it never counts for completion or a best score.
alter table attempts add column status text not null default 'finished'
  check (status in ('finished', 'abandoned'));

alter table attempts alter column score drop not null;

alter table attempts alter column passed drop not null;

alter table attempts add constraint attempts_finished_scored
  check (status = 'abandoned' or (score is not null and passed is not null));

-- The per-mode summary (007) keeps finished attempts only: an abandoned one has no score.
create or replace function mode_scores_add() returns trigger language plpgsql as $$ begin insert into mode_scores as m (person_id, scenario_id, mode, best_score, passed, attempts, first_passed_at, last_at) select person_id, scenario_id, mode, max(score), bool_or(passed), count(*), min(started_at) filter (where passed), max(started_at) from inserted where person_id is not null and status = 'finished' group by person_id, scenario_id, mode on conflict (person_id, scenario_id, mode) do update set best_score = greatest(m.best_score, excluded.best_score), passed = m.passed or excluded.passed, attempts = m.attempts + excluded.attempts, first_passed_at = least(m.first_passed_at, excluded.first_passed_at), last_at = greatest(m.last_at, excluded.last_at); return null; end $$;

create or replace function mode_scores_remove() returns trigger language plpgsql as $$ begin delete from mode_scores m using (select distinct person_id, scenario_id, mode from removed) r where m.person_id = r.person_id and m.scenario_id = r.scenario_id and m.mode = r.mode; insert into mode_scores (person_id, scenario_id, mode, best_score, passed, attempts, first_passed_at, last_at) select a.person_id, a.scenario_id, a.mode, max(a.score), bool_or(a.passed), count(*), min(a.started_at) filter (where a.passed), max(a.started_at) from attempts a join (select distinct person_id, scenario_id, mode from removed) r on a.person_id = r.person_id and a.scenario_id = r.scenario_id and a.mode = r.mode where a.status = 'finished' group by a.person_id, a.scenario_id, a.mode; return null; end $$;

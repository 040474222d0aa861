-- An attempt the trainee abandoned (started over, an exam restarted) is kept with its
-- conversation so far and no score: it never counts for completion or a best score.
alter table attempts add column status text not null default 'finished'
  check (status in ('finished', 'abandoned'));

alter table attempts alter column score drop not null;

alter table attempts alter column passed drop not null;

alter table attempts add constraint attempts_finished_scored
  check (status = 'abandoned' or (score is not null and passed is not null));

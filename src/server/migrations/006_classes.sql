-- Classes kept on the server: the class content (core/class-record.ts: roster, pairs, rounds,
-- projector view, class code) as one document with a revision, so two devices never overwrite
-- each other silently. class_members stays the list of people a trainer may see (the roster's).
alter table classes add column content jsonb;

alter table classes add column revision integer not null default 1;

alter table classes add column updated_at timestamptz not null default now();

-- Attempts that belong to a class: pair-typed on the trainer's device, imported from a result
-- bundle or recorded by an observer's scorecard; always scored by the server.
alter table attempts add column class_id bigint references classes (id) on delete set null;

alter table attempts add column class_round integer;

alter table attempts add column source text not null default 'device'
  check (source in ('device', 'pair', 'bundle', 'observed'));

alter table attempts add column observer text;

create index attempts_class on attempts (class_id) where class_id is not null;

-- Who did what on the server: roster imports, join links, publishes, personal-data exports and
-- deletions, LRS settings, staff accounts. Written in the same transaction as the action; the
-- detail is a short JSON object that never holds a password, a token or a secret, and an entry
-- about a deletion names only the deleted person's id.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  -- the staff member who acted (null: the server's own admin command)
  actor_id bigint references people (id) on delete set null,
  actor_name text not null default '',
  kind text not null,
  detail jsonb not null default '{}'
);

create index audit_log_kind on audit_log (kind, id desc);

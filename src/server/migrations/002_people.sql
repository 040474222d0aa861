-- People (staff who sign in, trainees on a roster), their sessions, classes, join links and devices.
create table people (
  id bigserial primary key,
  name text not null,
  -- trainees are known by employee number; staff sign in with a login and a password
  employee_no text unique,
  department text not null default '',
  role text not null check (role in ('admin', 'hr', 'trainer', 'trainee')),
  login text unique,
  password_hash text,
  created_at timestamptz not null default now(),
  check (employee_no is not null or login is not null),
  check ((login is null) = (password_hash is null))
);

-- A signed-in staff member: the cookie holds a random token, the table only its SHA-256.
create table sessions (
  token_hash text primary key,
  person_id bigint not null references people (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index sessions_person on sessions (person_id);

-- A class is a trainer's group of people: what the trainer may see.
create table classes (
  id bigserial primary key,
  name text not null,
  trainer_id bigint not null references people (id),
  created_at timestamptz not null default now(),
  unique (trainer_id, name)
);

create table class_members (
  class_id bigint not null references classes (id) on delete cascade,
  person_id bigint not null references people (id) on delete cascade,
  primary key (class_id, person_id)
);

create index class_members_person on class_members (person_id);

-- A one-time join link: used once, it binds a device to its person.
create table join_tokens (
  token_hash text primary key,
  person_id bigint not null references people (id) on delete cascade,
  created_by bigint not null references people (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create index join_tokens_person on join_tokens (person_id);

create table devices (
  token_hash text primary key,
  person_id bigint not null references people (id) on delete cascade,
  joined_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);

create index devices_person on devices (person_id);

-- Attempts sent by a joined device belong to its person; the score the device showed is kept
-- beside the server's own, never used.
alter table attempts add column person_id bigint references people (id);

alter table attempts add column claimed_score integer;

create index attempts_person on attempts (person_id, started_at);

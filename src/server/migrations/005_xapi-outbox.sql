-- The learning record store the server forwards xAPI statements to (one row; the secret never
-- leaves the server), and how forwarding goes: a back-off while the LRS is down, a pause while
-- it refuses the credentials or the endpoint (401/403/404) until the settings are saved again.
create table lrs_settings (
  id integer primary key default 1 check (id = 1),
  endpoint text not null,
  key text not null,
  secret text not null,
  activity_base text,
  home_page text,
  updated_at timestamptz not null default now(),
  failures integer not null default 0,
  retry_at timestamptz,
  paused boolean not null default false,
  last_error text,
  last_error_at timestamptz
);

-- Statements to forward, written with the attempt they come from (same transaction), sent in
-- the order they happened; the statement id is fixed, so sending again never duplicates.
create table xapi_outbox (
  statement_id uuid primary key,
  attempt_id text not null,
  statement jsonb not null,
  happened_at timestamptz not null,
  seq bigserial,
  queued_at timestamptz not null default now(),
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'rejected')),
  tries integer not null default 0,
  -- a claimed row is reserved for the process sending it until then
  claimed_until timestamptz,
  sent_at timestamptz,
  last_error text
);

create index xapi_outbox_due on xapi_outbox (happened_at, seq) where state in ('pending', 'sending');

create index xapi_outbox_state on xapi_outbox (state);

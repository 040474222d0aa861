-- Scenario versions and company rule packs published by trainers: every version kept, as the
-- YAML text that was validated. `seq` only grows, so its maximum is the catalogue's revision.
create table published_items (
  seq bigserial unique,
  kind text not null check (kind in ('scenario', 'rule-pack')),
  -- the scenario id or the rule pack's name
  item_id text not null,
  version integer not null check (version >= 1),
  text text not null,
  published_by bigint not null references people (id),
  published_at timestamptz not null default now(),
  primary key (kind, item_id, version)
);

-- What each attempt was scored with: the published rule packs' versions ({"company": 3}) and
-- the catalogue revision (0: the bundled files only).
alter table attempts add column rule_packs jsonb not null default '{}';

alter table attempts add column catalog_revision bigint not null default 0;

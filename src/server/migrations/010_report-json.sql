-- An attempt's report is written once and read whole, never searched inside: kept as json (the
-- text as the server wrote it, with no conversion to jsonb) and compressed with lz4 where
-- PostgreSQL has it (the embedded database has pglz only). Together about half of PostgreSQL's
-- work for each stored attempt.
alter table attempts alter column report type json using report::json;

do $$ begin if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then alter table attempts alter column report set compression lz4; end if; end $$;

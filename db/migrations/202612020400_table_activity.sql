-- What autovacuum counts per table (dead rows, rows changed since the last
-- analyze, rows inserted since the last vacuum), carried over from earlier
-- sessions of an embedded store: PGlite runs PostgreSQL single-user, keeps
-- these counters only while it is open, and has no autovacuum, so the store's
-- own maintenance (src/db/maintenance.ts) adds each session's counts here when
-- it closes and judges by the sum. Unused on a PostgreSQL server.
create table table_activity (
  table_name text primary key,
  dead_rows bigint not null default 0,
  changed_since_analyze bigint not null default 0,
  inserted_since_vacuum bigint not null default 0
);

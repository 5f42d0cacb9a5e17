-- A file import on a PostgreSQL server holds a session-level advisory lock on its run for as long as
-- its process lives (src/ingest/import-run-session.repo.ts); this marks the runs that do. When the
-- process dies, even by SIGKILL, the server ends its session and drops the lock, so such a run reads
-- interrupted at once instead of after the ten minutes without a heartbeat that the other runs (an
-- API client's open run, runs from before this column) still need.
alter table import_run add column is_held_by_session boolean not null default false;

-- An API client's open run (POST /api/imports) is kept by that client: its batches are separate
-- requests, each its own transaction, so the server's process ending (a crash, kill -9, a redeploy)
-- loses nothing of it and the client's next batch may follow. Every other run lives only as long as
-- the process writing it (a file import, a batch that is a whole import): on an embedded store,
-- which one process serves at a time, such a run from before the store's start was left by a
-- process that has ended. This marks the open runs, so that isRunAlive
-- (src/ingest/import-runs.repo.ts) reads them interrupted only after ten minutes without a batch,
-- on either store, and never because the server restarted.
alter table import_run add column is_opened_by_client boolean not null default false;
-- The runs open now that a client opened: only a staff member (user:…) or an API key (api-key:…,
-- src/auth/caller.ts) opens runs over the API, while a file import runs as the command line's login
-- (cli:…) or the system (system:…). Only a running run is read by this column; ended ones stay false.
update import_run set is_opened_by_client = true
  where status = 'running' and not is_held_by_session and (started_by like 'user:%' or started_by like 'api-key:%');

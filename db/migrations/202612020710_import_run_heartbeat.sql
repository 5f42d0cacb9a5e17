-- A killed import (SIGKILL, a crash, a power cut) cannot say it stopped, so its
-- run stayed "running" for ever. Each committed batch now touches the run's
-- heartbeat; a running run whose heartbeat is old is listed as interrupted
-- (src/ingest/import-runs.repo.ts). Existing rows start from the migration's time.
alter table import_run add column heartbeat_at timestamptz not null default now();

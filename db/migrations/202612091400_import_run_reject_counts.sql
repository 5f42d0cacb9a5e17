-- Why an import's rows were rejected, counted per reject code (src/ingest/reject-codes.ts):
-- the run's rejected_count says how many, this says why, so a summary can read
-- "2,290 rows without a customer id" without keeping every reject. Written in each
-- batch's transaction with the run's counts, so the two always agree for the rows
-- the server read (rows a web import's sender refused before sending are counted
-- in rejected_count only). Runs made before this migration have no rows here.
create table import_run_reject (
  import_id bigint not null constraint import_run_reject_import_fkey references import_run (import_id) on delete cascade,
  code text not null,
  row_count integer not null,
  constraint import_run_reject_pkey primary key (import_id, code)
);

-- The orders an import met with lines an earlier import stored beyond the last it had restated so
-- far: a later batch of the same import may restate them (a basket's rows spread over the file), so
-- they are removed when the import completes, not by the batch that met them
-- (src/ingest/write/write-order-lines.ts, src/ingest/write/deferred-stale-lines.repo.ts). Kept here
-- rather than in the importing process so that an open API run, whose batches are separate requests,
-- defers them as a file import does; written in each batch's transaction, so a killed import's rows
-- match what it committed. Rows live only while their import runs: completing it removes the lines
-- no batch restated and deletes them, failing it just deletes them (the stored lines stay), and the
-- next import deletes those of runs no longer alive (src/ingest/write/abandoned-import-memory.repo.ts).
-- factor and discount_minor: what summing the order's lines again needs (recomputeTotalsFromLines);
-- is_summed: its total is the sum of its lines; counted_unchanged: its batch counted it unchanged.
-- customer_id is not kept: the order's customer is read when the lines go, after any merge since.
-- Unlogged: nothing here outlives its import, so it need not survive a crash.
create unlogged table import_deferred_order (
  import_id bigint not null,
  order_id bigint not null,
  factor double precision not null,
  discount_minor bigint not null,
  is_summed boolean not null,
  counted_unchanged boolean not null,
  constraint import_deferred_order_pkey primary key (import_id, order_id)
);

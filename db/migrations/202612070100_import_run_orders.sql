-- An import's counts are of rows, and an orders export holds one row per order
-- line: a file of 2 orders in 3 rows reported "inserted 3". A run of an orders
-- or lines file now also counts its orders, each once as what it became
-- (src/ingest/write/order-counts.ts). Null for runs of other entities, and for
-- runs made before this migration, which did not count them.
alter table import_run
  add column order_inserted_count integer,
  add column order_updated_count integer,
  add column order_unchanged_count integer,
  add column order_rejected_count integer;

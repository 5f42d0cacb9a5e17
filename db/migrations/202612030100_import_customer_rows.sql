-- What the earlier batches of a customer file gave, for its later batches: the
-- first id of each accepted row (the same id again is a duplicate, reported with
-- this line) and, per customer, which fields and attributes the file has given
-- (a later row naming the same person fills only the fields left empty). Kept
-- here rather than in the importing process so that an import of any size runs
-- in constant memory; written in each batch's transaction, so a killed import's
-- rows match what it committed. Rows live only while their import runs: the
-- import deletes them when it ends, and the next import deletes those of runs
-- whose process is gone (src/ingest/write/customer-file-memory.repo.ts).
-- Unlogged: nothing here outlives its import, so it need not survive a crash.
create unlogged table import_seen_ref (
  import_id bigint not null,
  kind text not null,
  namespace text not null,
  value text not null,
  line int not null,
  customer_id bigint not null,
  constraint import_seen_ref_pkey primary key (import_id, kind, namespace, value)
);

-- fields: a bit per field of fieldNames in src/ingest/write/write-customers.ts.
create unlogged table import_given (
  import_id bigint not null,
  customer_id bigint not null,
  fields int not null,
  attributes text[],
  constraint import_given_pkey primary key (import_id, customer_id)
);

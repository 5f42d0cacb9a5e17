-- What the earlier batches of an orders import read, for its later batches: a
-- digest of the text of each batch's whole-order rows (every column, read or not;
-- src/ingest/write/row-text-digest.ts), by line, so that a later row repeating an
-- order the import stored is judged by the text of the row that stored it, as a
-- repeat in the same batch is: the same text is unchanged, any other is rejected
-- naming the column that differs. One row per batch: its lines, and their
-- digests end to end, digest_width bytes each, kept out of line uncompressed so
-- that one is read as a slice; a file of new orders pays one small insert per
-- batch, not one per row. Kept here rather than in the importing
-- process so that an import of any size runs in constant memory; written in each
-- batch's transaction. Rows live only while their import runs: the import deletes
-- them when it ends, and the next import deletes those of runs whose process is
-- gone (src/ingest/write/order-row-memory.repo.ts).
-- Unlogged: nothing here outlives its import, so it need not survive a crash.
create unlogged table import_order_text (
  import_id bigint not null,
  first_line int not null,
  lines int[] not null,
  digest_width int not null,
  text_digests bytea not null,
  constraint import_order_text_pkey primary key (import_id, first_line)
);
alter table import_order_text alter column lines set storage external, alter column text_digests set storage external;

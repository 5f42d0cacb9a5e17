-- The text digests an import keeps of its rows between batches serve events files too
-- (src/ingest/write/row-text-memory.repo.ts): a repeat of an event an earlier batch stored is judged
-- by the text of the row that stored it, as a repeat of an order is. One table for both: a run
-- imports one entity, so its import_id alone keeps an orders import's rows apart from an events one's.
alter table import_order_text rename to import_row_text;
alter table import_row_text rename constraint import_order_text_pkey to import_row_text_pkey;

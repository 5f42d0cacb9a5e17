-- The exchange rate an order in a foreign currency was converted with (store minor units per
-- minor unit of its own currency). Every money value of the order is stored converted, so a
-- re-import of the same file after the rate changed rewrote them and counted the order
-- "updated" though nothing in the file had changed. An order now keeps the rate it was first
-- stored with (ingest/write/write-orders.ts). Null: the store's own currency, or an order
-- stored before this column (converted at the rate in force when it is next written).
alter table customer_order add column amount_factor double precision;

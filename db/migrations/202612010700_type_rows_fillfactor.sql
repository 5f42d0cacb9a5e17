-- A daily analysis rewrites most customers' types and RFM rows (days since the
-- last purchase move every day) while their types, primary type and segment
-- mostly stay. Room left on each page lets such an update stay on its page
-- without touching the indexes (a HOT update); full pages force a new index
-- entry in every index, the GIN index on types included. Pages written from
-- now on keep 30% free; existing pages gain room as their rows move.
alter table customer_type set (fillfactor = 70);
alter table customer_rfm set (fillfactor = 70);

-- How many real customers reach each VIP cut-off. Everyone tied at a cut-off is
-- a VIP, so on a store with few distinct values (purchase days, or a small
-- store) far more than the policy's top share can be: the Groceries data set
-- had 10.4% VIPs while each VIP's reason said "within the top 5%". A VIP's
-- reason now states the share that really reaches the cut-off, and the
-- incremental path reads it from the latest run as it reads the cut-offs.
-- Runs made before this migration leave it null (the reason then reads as before).
alter table analysis_run add column vip_revenue_reached_count integer;
alter table analysis_run add column vip_frequency_reached_count integer;

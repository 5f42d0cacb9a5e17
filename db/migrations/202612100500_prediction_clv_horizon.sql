-- A customer's lifetime value sums their expected purchases over the prediction
-- run's horizon (--horizon-days, 365 by default), while "expected purchases"
-- covers the next 90 days: the profile showed "expected purchases 0.0" beside a
-- lifetime value of IDR 102,032 (0.02 purchases in a year at IDR 5.7M) with
-- nothing saying the two cover different spans. The horizon is kept with each
-- prediction so the value can say what it covers; older rows leave it null.
alter table customer_prediction add column clv_horizon_days integer;

-- The likely next purchase is a median wait that assumes the customer is still
-- there, and is reported only when P(alive) ≥ 0.5. For a BG/NBD one-time buyer
-- P(alive) is not estimated (202612060100), yet the raw 1 behind it still gave
-- them a next purchase ("not estimated … cannot tell whether a one-time buyer
-- has left" beside "likely next purchase 7 Apr 2027"). Predictions now leave it
-- out; stored ones are cleared the same way.
update customer_prediction set next_purchase_day = null where p_alive is null and next_purchase_day is not null;

-- A prediction describes its customers as of its model's calibration end, not
-- as of the wall-clock time it was made: an analysis as of a data set's last
-- day (1998 for CDNOW) skipped the predictions made for that day because they
-- were made in 2026, and "lapsed" never used P(alive). The analysis now reads
-- the prediction whose as_of is on or before its own day (analytics/facts.sql.ts).
alter table customer_prediction add column as_of date;
update customer_prediction p set as_of = f.calibration_end from model_fit f where f.model_fit_id = p.model_fit_id;
alter table customer_prediction alter column as_of set not null;

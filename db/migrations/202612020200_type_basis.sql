-- What each customer_type row was built from, hashed (see basisOf in
-- src/analytics/classify.sql.ts): a full analysis compares it with a fresh
-- hash and builds numbers and sentences only for the customers whose basis
-- moved. Rows written before it have none and are built again once.
alter table customer_type add column basis bigint;

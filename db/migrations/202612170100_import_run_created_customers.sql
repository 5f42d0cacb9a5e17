-- An orders or events import creates a customer for each buyer it does not know (a batch sent
-- without the source its customers were imported with makes new customers, known only by that
-- id), and a customers file creates the people it is first to describe. A run now counts the
-- customers it created, so a summary can say so. Null for runs made before this migration,
-- which did not count them; every later run starts at 0.
alter table import_run add column created_customer_count integer;

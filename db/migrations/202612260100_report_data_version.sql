-- The store's data version, for the report cache (src/reports/report-cache.ts): a report over
-- every purchase day took seconds (lifecycle 5.1 s at 313k customers) and was computed again by
-- every request. A cached report is kept under the version it was computed at, so it must change
-- whenever anything a report reads does.
--
-- A sequence, not a row: every statement that writes the tables below draws a number from it.
-- A shared row would be locked by each writer until it commits, so concurrent imports would wait
-- for each other (and could deadlock with their customer rows); nextval never waits. It is not
-- transactional, so a writer also holds a shared advisory lock (per schema) until it ends: a reader
-- that reads the version and then finds no writer holding that lock knows every change up to the
-- version is committed, and caches; while one is held it computes without caching.
create sequence store_data_version;

create function store_data_version_bump() returns trigger language plpgsql as $body$
begin
  perform pg_advisory_xact_lock_shared(20261226, hashtext(current_schema()));
  perform nextval('store_data_version');
  return null;
end
$body$;

-- What the cached reports read: the facts, what is derived from them, the analyses and the
-- settings (currency, time zone, type policy). Sessions, audit entries and import runs are not.
do $body$
declare
  name text;
begin
  foreach name in array array['store_setting', 'currency_rate', 'customer', 'product', 'customer_order', 'order_line',
    'order_credit', 'interest_event', 'customer_trait', 'customer_purchase_day', 'customer_category', 'customer_rhythm',
    'customer_merge', 'customer_type', 'customer_type_history', 'customer_rfm_score', 'analysis_run', 'model_fit', 'customer_prediction']
  loop
    execute format('create trigger %I after insert or update or delete on %I for each statement execute function store_data_version_bump()',
      name || '_data_version_trigger', name);
    execute format('create trigger %I after truncate on %I for each statement execute function store_data_version_bump()',
      name || '_data_version_truncate_trigger', name);
  end loop;
end
$body$;

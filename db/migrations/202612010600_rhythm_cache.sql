-- Each customer's purchase rhythm over all their purchase days, as a full
-- analysis works it out (facts.sql.ts): counts, first and last day, the
-- intervals' median and variation, the loyal rule's period count. A daily run
-- would otherwise sort and window every purchase day of the store again for
-- the few customers who bought since. A row is valid for any as-of day on or
-- after its last day; it is forgotten as soon as the customer's purchase days
-- change (triggers below) and made again by the next full analysis.
create table customer_rhythm (
  customer_id bigint primary key,
  -- the loyal rule's period length the period count was made for
  period_months integer not null,
  purchase_day_count integer not null,
  order_count integer not null,
  first_day date not null,
  last_day date not null,
  interval_count integer not null,
  median_interval float8,
  cv float8,
  period_count integer not null,
  total_revenue bigint not null
);

create function customer_rhythm_forget() returns trigger language plpgsql as $body$
begin
  -- (separate branches: a statement naming a transition table the trigger lacks cannot be planned)
  if tg_op = 'INSERT' then
    delete from customer_rhythm r where r.customer_id in (select customer_id from new_purchase_day);
  elsif tg_op = 'UPDATE' then
    delete from customer_rhythm r where r.customer_id in (select customer_id from new_purchase_day union select customer_id from old_purchase_day);
  else
    delete from customer_rhythm r where r.customer_id in (select customer_id from old_purchase_day);
  end if;
  return null;
end
$body$;

create function customer_rhythm_clear() returns trigger language plpgsql as $body$
begin
  truncate customer_rhythm;
  return null;
end
$body$;

create trigger customer_rhythm_insert_trigger after insert on customer_purchase_day
  referencing new table as new_purchase_day for each statement execute function customer_rhythm_forget();
create trigger customer_rhythm_update_trigger after update on customer_purchase_day
  referencing old table as old_purchase_day new table as new_purchase_day for each statement execute function customer_rhythm_forget();
create trigger customer_rhythm_delete_trigger after delete on customer_purchase_day
  referencing old table as old_purchase_day for each statement execute function customer_rhythm_forget();
create trigger customer_rhythm_truncate_trigger after truncate on customer_purchase_day
  for each statement execute function customer_rhythm_clear();

-- Staff web app speed at a million customers (issue 5; measured by bench/web.ts):
-- the customer list's sort orders and rare filters, and the home page's key figures.

-- Customer list: each sort order is an index order, so a page reads about one page
-- of rows at any depth (keyset pagination on the sort value and the customer id).
create index customer_trait_sort_revenue_idx on customer_trait (revenue_minor, customer_id);
create index customer_trait_sort_last_purchase_idx on customer_trait ((coalesce(last_purchase_at, '-infinity'::timestamptz)), customer_id);
create index customer_sort_name_idx on customer ((coalesce(lower(name), '')), customer_id) where merged_into_customer_id is null;

-- Filters that can be rare (the type "new", a small town) are found through an index
-- instead of by walking the whole list in sort order.
create index customer_type_types_idx on customer_type using gin (types);
create index customer_city_idx on customer (lower(city));
-- The planner uses that index only if it knows how rare a type is: the default
-- sample (30,000 rows) misses a type held by ten customers in a million, which
-- then looks common, and a list filtered by it walked all customers (5 s).
alter table customer_type alter column types set statistics 10000;
analyze customer_type;

-- Key figures (home page): store-wide sums per day, kept current by triggers on the
-- per-customer facts, so a period's figures are sums over its days instead of
-- passes over every customer and purchase day. All three tables are derived data
-- that only the triggers below write. Their rows are changes to be added up (a day
-- may have several rows): writers only ever insert, so concurrent imports never
-- wait for each other on a shared "today" row; store_summary_compact folds them.

-- Purchase days (customer_purchase_day) summed per store calendar day.
create table store_purchase_day (
  day date not null,
  order_count bigint not null default 0,
  amount_minor bigint not null default 0,
  -- customers whose first (second) purchase day this is
  first_purchases integer not null default 0,
  second_purchases integer not null default 0
);
create index store_purchase_day_day_idx on store_purchase_day (day);

-- Customers who bought on `day` whose previous purchase day was `previous_day`
-- ('-infinity' for a first purchase). Someone bought in [a, b) exactly when one of
-- their purchase days in [a, b) follows a day before a, so the active customers of
-- a period are a sum over these rows instead of a distinct count.
create table store_purchase_day_gap (
  day date not null,
  previous_day date not null,
  customers integer not null default 0
);
create index store_purchase_day_gap_day_idx on store_purchase_day_gap (day, previous_day);

-- Customers (those with a facts row) by when they were first seen: their first
-- sign of interest, else when they signed up; by quarter hour, because every
-- time zone's midnight falls on one, so it serves any store time zone.
create table store_first_seen (
  seen_at timestamptz not null,
  customers integer not null default 0
);
create index store_first_seen_seen_at_idx on store_first_seen (seen_at);

-- Folds the change rows of the three tables into one row per key. At most one
-- transaction does it at a time; the others skip it rather than wait.
create function store_summary_compact() returns void language plpgsql as $body$
begin
  if not pg_try_advisory_xact_lock(hashtext('store_summary_compact')) then
    return;
  end if;
  with old as (delete from store_purchase_day returning *)
  insert into store_purchase_day (day, order_count, amount_minor, first_purchases, second_purchases)
  select day, sum(order_count), sum(amount_minor), sum(first_purchases), sum(second_purchases) from old group by day
  having sum(order_count) <> 0 or sum(amount_minor) <> 0 or sum(first_purchases) <> 0 or sum(second_purchases) <> 0;
  with old as (delete from store_purchase_day_gap returning *)
  insert into store_purchase_day_gap (day, previous_day, customers)
  select day, previous_day, sum(customers) from old group by day, previous_day having sum(customers) <> 0;
  with old as (delete from store_first_seen returning *)
  insert into store_first_seen (seen_at, customers)
  select seen_at, sum(customers) from old group by seen_at having sum(customers) <> 0;
end
$body$;

-- Compacts about once per 200,000 change rows written: often enough that the
-- tables stay within a few times one row per key, rarely enough to cost imports little.
create function store_summary_maybe_compact(written bigint) returns void language plpgsql as $body$
begin
  if written > 0 and random() < written / 200000.0 then
    perform store_summary_compact();
  end if;
end
$body$;

-- One statement's changes to customer_purchase_day: for each customer it touched,
-- the contributions of their days from the earliest changed day on (a day's
-- contribution depends on the one or two days before it) are computed before and
-- after, and the difference is added. Before = now − rows added + rows removed.
create function store_purchase_day_apply() returns trigger language plpgsql as $body$
declare
  changed text;
  written bigint;
begin
  if tg_op = 'DELETE' and not exists (select 1 from customer_purchase_day) then
    -- a full rebuild starts by deleting every purchase day
    delete from store_purchase_day;
    delete from store_purchase_day_gap;
    return null;
  end if;
  -- (nested: a condition naming old_purchase_day cannot even be planned in an insert's trigger)
  if tg_op = 'UPDATE' then
    if not exists (select customer_id, day from new_purchase_day except all select customer_id, day from old_purchase_day) then
      -- another order on a day already counted (the usual update): only the day's sums move
      with totals as (
        insert into store_purchase_day (day, order_count, amount_minor)
        select day, sum(order_count), sum(amount_minor)::bigint from (
          select day, order_count, amount_minor from new_purchase_day
          union all select day, -order_count, -amount_minor from old_purchase_day) d
        group by day having sum(order_count) <> 0 or sum(amount_minor) <> 0
        returning 1)
      select count(*) from totals into written;
      perform store_summary_maybe_compact(written);
      return null;
    end if;
  end if;
  changed := case tg_op
    when 'INSERT' then 'select customer_id, day, order_count, amount_minor, 1 as sign from new_purchase_day'
    when 'DELETE' then 'select customer_id, day, order_count, amount_minor, -1 as sign from old_purchase_day'
    else 'select customer_id, day, order_count, amount_minor, 1 as sign from new_purchase_day
      union all select customer_id, day, order_count, amount_minor, -1 as sign from old_purchase_day'
  end;
  execute format($statement$
    with changed as (%s),
    first_change as (select customer_id, min(day) as from_day from changed group by customer_id),
    -- each touched customer's days from the first change on, and the two before it for lag()
    now_day as (
      select f.customer_id, p.day, p.order_count, p.amount_minor, p.day >= f.from_day as is_counted
      from first_change f cross join lateral (
        select d.day, d.order_count, d.amount_minor from customer_purchase_day d where d.customer_id = f.customer_id and d.day >= f.from_day
        union all
        (select d.day, d.order_count, d.amount_minor from customer_purchase_day d where d.customer_id = f.customer_id and d.day < f.from_day
          order by d.day desc limit 2)) p),
    before_day as (
      select n.* from now_day n
      where not exists (select 1 from changed c where c.sign = 1 and c.customer_id = n.customer_id and c.day = n.day)
      union all
      select customer_id, day, order_count, amount_minor, true from changed where sign = -1),
    contribution as (
      select 1 as sign, day, order_count, amount_minor, is_counted, lag(day) over w as previous_day, lag(day, 2) over w as day_before_previous
      from now_day window w as (partition by customer_id order by day)
      union all
      select -1, day, order_count, amount_minor, is_counted, lag(day) over w, lag(day, 2) over w
      from before_day window w as (partition by customer_id order by day)),
    counted as (select * from contribution where is_counted),
    totals as (
      insert into store_purchase_day (day, order_count, amount_minor, first_purchases, second_purchases)
      select * from (
        select day, sum(sign * order_count) as order_count, sum(sign * amount_minor)::bigint as amount_minor,
          coalesce(sum(sign) filter (where previous_day is null), 0) as first_purchases,
          coalesce(sum(sign) filter (where previous_day is not null and day_before_previous is null), 0) as second_purchases
        from counted group by day) d
      where order_count <> 0 or amount_minor <> 0 or first_purchases <> 0 or second_purchases <> 0
      returning 1),
    gaps as (
      insert into store_purchase_day_gap (day, previous_day, customers)
      select day, coalesce(previous_day, '-infinity'::date), sum(sign) from counted group by 1, 2 having sum(sign) <> 0
      returning 1)
    select (select count(*) from totals) + (select count(*) from gaps)$statement$, changed) into written;
  perform store_summary_maybe_compact(written);
  return null;
end
$body$;

-- One statement's changes to customer_trait: a customer counts from their first
-- sign of interest, or from signing up (customer.created_at) while they have none.
create function store_first_seen_from_trait() returns trigger language plpgsql as $body$
declare
  changed text;
  written bigint;
begin
  changed := case tg_op
    when 'INSERT' then 'select customer_id, first_interest_at, 1 as sign from new_trait'
    when 'DELETE' then 'select customer_id, first_interest_at, -1 as sign from old_trait'
    -- most updates add orders and leave the first sign of interest alone: only the others count
    else 'select customer_id, first_interest_at, 1 as sign from (
        select customer_id, first_interest_at from new_trait except all select customer_id, first_interest_at from old_trait) added
      union all
      select customer_id, first_interest_at, -1 as sign from (
        select customer_id, first_interest_at from old_trait except all select customer_id, first_interest_at from new_trait) removed'
  end;
  -- a facts row without its customer is not counted (as the figures never counted it)
  execute format($statement$
    with written as (
      insert into store_first_seen (seen_at, customers)
      select date_bin('15 minutes', coalesce(ch.first_interest_at, c.created_at), timestamptz '2000-01-01 00:00:00+00'), sum(ch.sign)
      from (%s) ch join customer c on c.customer_id = ch.customer_id
      group by 1 having sum(ch.sign) <> 0
      returning 1)
    select count(*) from written$statement$, changed) into written;
  perform store_summary_maybe_compact(written);
  return null;
end
$body$;

-- Changes to customers: a new sign-up time moves those still without any sign of
-- interest; a deleted customer's facts row stops counting (its later deletion is then skipped).
create function store_first_seen_from_customer() returns trigger language plpgsql as $body$
begin
  if tg_op = 'DELETE' then
    insert into store_first_seen (seen_at, customers)
    select date_bin('15 minutes', coalesce(t.first_interest_at, o.created_at), timestamptz '2000-01-01 00:00:00+00'), -count(*)
    from old_customer o join customer_trait t on t.customer_id = o.customer_id
    group by 1;
    return null;
  end if;
  insert into store_first_seen (seen_at, customers)
  select date_bin('15 minutes', moved.created_at, timestamptz '2000-01-01 00:00:00+00'), sum(moved.sign)
  from (
    select customer_id, created_at, 1 as sign from (
      select customer_id, created_at from new_customer except all select customer_id, created_at from old_customer) added
    union all
    select customer_id, created_at, -1 from (
      select customer_id, created_at from old_customer except all select customer_id, created_at from new_customer) removed) moved
  join customer_trait t on t.customer_id = moved.customer_id and t.first_interest_at is null
  group by 1 having sum(moved.sign) <> 0;
  return null;
end
$body$;

create function store_purchase_day_clear() returns trigger language plpgsql as $body$
begin
  delete from store_purchase_day;
  delete from store_purchase_day_gap;
  return null;
end
$body$;

create function store_first_seen_clear() returns trigger language plpgsql as $body$
begin
  delete from store_first_seen;
  return null;
end
$body$;

-- What the triggers would have written for the facts already stored.
insert into store_purchase_day (day, order_count, amount_minor, first_purchases, second_purchases)
select day, sum(order_count), sum(amount_minor)::bigint, count(*) filter (where previous_day is null),
  count(*) filter (where previous_day is not null and day_before_previous is null)
from (select day, order_count, amount_minor, lag(day) over w as previous_day, lag(day, 2) over w as day_before_previous
  from customer_purchase_day window w as (partition by customer_id order by day)) d
group by day;

insert into store_purchase_day_gap (day, previous_day, customers)
select day, coalesce(previous_day, '-infinity'::date), count(*)
from (select day, lag(day) over (partition by customer_id order by day) as previous_day from customer_purchase_day) d
group by 1, 2;

insert into store_first_seen (seen_at, customers)
select date_bin('15 minutes', coalesce(t.first_interest_at, c.created_at), timestamptz '2000-01-01 00:00:00+00'), count(*)
from customer_trait t join customer c on c.customer_id = t.customer_id
group by 1;

create trigger customer_purchase_day_insert_trigger after insert on customer_purchase_day
  referencing new table as new_purchase_day for each statement execute function store_purchase_day_apply();
create trigger customer_purchase_day_update_trigger after update on customer_purchase_day
  referencing old table as old_purchase_day new table as new_purchase_day for each statement execute function store_purchase_day_apply();
create trigger customer_purchase_day_delete_trigger after delete on customer_purchase_day
  referencing old table as old_purchase_day for each statement execute function store_purchase_day_apply();
create trigger customer_purchase_day_truncate_trigger after truncate on customer_purchase_day
  for each statement execute function store_purchase_day_clear();

create trigger customer_trait_insert_trigger after insert on customer_trait
  referencing new table as new_trait for each statement execute function store_first_seen_from_trait();
create trigger customer_trait_update_trigger after update on customer_trait
  referencing old table as old_trait new table as new_trait for each statement execute function store_first_seen_from_trait();
create trigger customer_trait_delete_trigger after delete on customer_trait
  referencing old table as old_trait for each statement execute function store_first_seen_from_trait();

create trigger customer_trait_truncate_trigger after truncate on customer_trait
  for each statement execute function store_first_seen_clear();

create trigger customer_update_trigger after update on customer
  referencing old table as old_customer new table as new_customer for each statement execute function store_first_seen_from_customer();
create trigger customer_delete_trigger after delete on customer
  referencing old table as old_customer for each statement execute function store_first_seen_from_customer();
create trigger customer_truncate_trigger after truncate on customer
  for each statement execute function store_first_seen_clear();

import { sql, type RawBuilder } from 'kysely';
import type { TypePolicy } from './policy.js';
import type { AsOf } from './settings.repo.js';
import { isAmongIds } from '../db/prepared-statement.js';

export type FactsScope = {
  asOf: AsOf;
  timezone: string;
  policy: TypePolicy;
  /** Restrict to these customers (the ingest path); null for everyone. */
  customerIds: number[] | null;
  /** The statement is prepared once for every batch: its ids are hidden from the planner (see boundIds). */
  idsHiddenFromPlanner?: boolean;
  /**
   * Read the rhythm of customers whose purchase days have not changed from
   * customer_rhythm (a full run, after refreshRhythmCache) rather than
   * working it out from every purchase day.
   */
  cachedRhythm?: boolean;
  prediction: { hasPrediction: boolean; datedBy: string | null };
};

const verified = sql`('paid', 'partially_refunded')`;

function onlyCustomers(column: RawBuilder<unknown>, ids: number[] | null, hiddenFromPlanner = false): RawBuilder<unknown> {
  return ids === null ? sql`` : sql`and ${isAmongIds(column, ids, { hiddenFromPlanner })}`;
}

/**
 * How old a stored P(alive) may be, in days before the as-of day, when it cannot be worked out again
 * for the day (a Pareto/NBD fit needs special functions SQL lacks). P(alive) falls with every quiet
 * day, so a value from months before keeps a buyer who stopped "alive" (CDNOW predicted as of
 * 1997-09-30, analysed as of 1998-06-30: 393 repeat buyers were not lapsed).
 */
export const storedPAliveMaxAgeDays = 7;

function predictionSource(scope: FactsScope): RawBuilder<unknown> {
  if (!scope.prediction.hasPrediction) {
    return sql`(select null::bigint as customer_id, null::float8 as p_alive, null::date as known_through, null::bigint as model_fit_id where false)`;
  }
  // the latest prediction for a day on or before the as-of day (a store without the as_of column
  // yet: made before the as-of time), when predictions are dated
  const datedBy = scope.prediction.datedBy;
  const dated = datedBy === 'as_of' ? sql`and as_of <= ${scope.asOf.day}::date`
    : datedBy ? sql`and ${sql.ref(datedBy)} < ${scope.asOf.instant}::timestamptz` : sql``;
  const order = datedBy ? sql`, ${sql.ref(datedBy)} desc` : sql``;
  // the last day of purchases the prediction knows (a prediction made before the as_of column, by its time)
  const knownThrough = datedBy === 'as_of' ? sql`as_of` : datedBy ? sql`(${sql.ref(datedBy)} at time zone ${scope.timezone}::text)::date` : sql`null::date`;
  const stored = sql`select distinct on (customer_id) customer_id, p_alive::float8 as p_alive, ${knownThrough} as known_through, model_fit_id from customer_prediction
              where true ${dated} ${onlyCustomers(sql.ref('customer_id'), scope.customerIds, scope.idsHiddenFromPlanner)} order by customer_id ${order}`;
  // the ingest path judges the store's today, which no prediction is dated after
  if (datedBy !== 'as_of' || scope.customerIds !== null) return sql`(${stored})`;
  return sql`((${stored}) union all (${fitOfEarlierDay(scope.asOf.day)}))`;
}

/**
 * A store keeps one prediction per customer, its latest: a full analysis of an earlier day (a
 * replay) found none dated by that day, and judged by the quiet-days rule customers whom the
 * BG/NBD fit of that day calls gone (CDNOW as of 1998-03-31 after the demo's predictions of
 * 1998-06-30: 17,507 lapsed instead of 14,742). Such a customer is judged by the latest BG/NBD fit
 * calibrated by the day, worked out for the day from their purchase days (pAliveColumns); with no
 * such fit, by the quiet-days rule as before.
 */
function fitOfEarlierDay(day: string): RawBuilder<unknown> {
  return sql`select p.customer_id, null::float8 as p_alive, null::date as known_through, f.model_fit_id
    from customer_prediction p cross join (
      select model_fit_id from model_fit where model = 'bgnbd' and calibration_end <= ${day}::date and params ?& array['r', 'alpha', 'a', 'b']
      order by calibration_end desc, model_fit_id desc limit 1) f
    where p.as_of > ${day}::date`;
}

/** The BG/NBD fits' parameters, read once per fit (a handful of rows) rather than once per customer. */
const bgNbdFits = sql`(select model_fit_id, (params->>'r')::float8 as r, (params->>'alpha')::float8 as alpha,
  (params->>'a')::float8 as a, (params->>'b')::float8 as b, case when unit = 'week' then 7 else 1 end::float8 as days_per_unit
  from model_fit where model = 'bgnbd' and params ?& array['r', 'alpha', 'a', 'b'])`;

/**
 * A repeat buyer's P(alive) and the day it describes, from the prediction
 * (pr) and its fit (fit), with the customer's purchase days up to the as-of
 * day (d): BG/NBD's FHL (2005) eq. (13), as probabilityAliveBgNbd in
 * src/models/bg-nbd.ts, evaluated at the as-of day (x repeat purchase days;
 * t_x and T from the first purchase day to the last and to the as-of day, in
 * the fit's unit). Any other fit's stored value only while it is at most
 * storedPAliveMaxAgeDays old and knows the last purchase; otherwise null, and
 * the quiet-days rule decides.
 */
function pAliveColumns(day: RawBuilder<unknown>): RawBuilder<unknown> {
  const x = sql`(d.purchase_day_count - 1)`;
  const logOdds = sql`ln(fit.a) - ln(fit.b + ${x} - 1) + (fit.r + ${x})
    * (ln(fit.alpha + (${day} - d.first_day) / fit.days_per_unit) - ln(fit.alpha + (d.last_day - d.first_day) / fit.days_per_unit))`;
  const storedUsable = sql`(pr.known_through is null or (pr.known_through >= d.last_day and pr.known_through >= ${day} - ${storedPAliveMaxAgeDays}::int))`;
  // exp() of a clamped exponent: PostgreSQL raises on overflow and underflow rather than returning inf or 0
  return sql`
      case when d.purchase_day_count >= 2 and pr.customer_id is not null then
        case when fit.model_fit_id is not null then 1 / (1 + exp(least(greatest(${logOdds}, -700), 700)))
          when ${storedUsable} then pr.p_alive end end as p_alive,
      case when d.purchase_day_count >= 2 and pr.customer_id is not null then
        case when fit.model_fit_id is not null then ${day} when ${storedUsable} and pr.p_alive is not null then pr.known_through end end as p_alive_as_of,
      -- a stored P(alive) too old (or older than the last purchase) to judge by: the reason says so
      case when d.purchase_day_count >= 2 and fit.model_fit_id is null and pr.p_alive is not null and not ${storedUsable}
        then pr.known_through end as stale_prediction_as_of`;
}

/**
 * A customer's purchase rhythm over the rows of `days` (customer_id, day,
 * order_count, amount_minor, gap: days since the customer's previous purchase
 * day), grouped by customer.
 */
function rhythmAggregates(periodMonths: number): RawBuilder<unknown> {
  return sql`
    count(*)::int as purchase_day_count,
    sum(order_count)::int as order_count,
    min(day) as first_day,
    max(day) as last_day,
    count(gap)::int as interval_count,
    percentile_cont(0.5) within group (order by gap) as median_interval,
    stddev_samp(gap::float8) / nullif(avg(gap::float8), 0) as cv,
    count(distinct (extract(year from day)::int * 12 + extract(month from day)::int - 1) / ${periodMonths}::int)::int as period_count,
    sum(amount_minor)::bigint as total_revenue`;
}

/**
 * Purchase days with each one's gap to the customer's previous one. With
 * `sortAfterScan`, the days a subquery picks (many customers, or everyone's
 * up to a day) are sorted after a sequential scan: "+ 0" keeps the key from
 * matching the index, which the planner would otherwise walk to skip the sort
 * and through it visit the table once per day on pages not yet marked
 * all-visible (the table is in arrival order). Without it, the planner may
 * walk the primary key, which covers the columns read here: a few customers
 * by key, or a whole store's days in order without a sort.
 */
function dayGaps(where: RawBuilder<unknown>, sortAfterScan: boolean): RawBuilder<unknown> {
  const customerKey = sortAfterScan ? sql`d.customer_id + 0` : sql`d.customer_id`;
  return sql`
    select ${customerKey} as customer_id, d.day, d.order_count, d.amount_minor,
      d.day - lag(d.day) over (partition by ${customerKey} order by d.day) as gap
    from customer_purchase_day d
    where ${where}`;
}

/** The VIP window's days as of `day`: the last windowDays days, the as-of day included. */
function inWindow(day: RawBuilder<unknown>, windowDays: number): RawBuilder<unknown> {
  return sql`(day > ${day} - ${windowDays}::int and day <= ${day})`;
}

/**
 * A customer's VIP window as of `day`, aggregated over rows with `day` and
 * `amount_minor` (purchase days): revenue, purchase days and, with
 * `firstDay`, the earliest purchase day in it (which decides windowUntil).
 */
function windowSums(day: RawBuilder<unknown>, windowDays: number, options: { firstDay?: boolean } = {}): RawBuilder<unknown> {
  const first = options.firstDay ? sql`, min(day) filter (where ${inWindow(day, windowDays)}) as first_in_window` : sql``;
  return sql`
    coalesce(sum(amount_minor) filter (where ${inWindow(day, windowDays)}), 0)::bigint as window_revenue,
    (count(*) filter (where ${inWindow(day, windowDays)}))::int as window_day_count ${first}`;
}

/** The last as-of day window sums hold: until the earliest purchase day in the window leaves it; for ever if it is empty. */
function windowUntil(firstInWindow: RawBuilder<unknown>, windowDays: number): RawBuilder<unknown> {
  return sql`coalesce(${firstInWindow} + ${windowDays - 1}::int, 'infinity'::date)`;
}

/**
 * Whether rhythm row `r`'s window sums hold for as-of `day`: made for this
 * window length on or before the day, and no purchase day has left the
 * window since (none can have entered: the row goes when purchase days change).
 */
function windowHolds(day: RawBuilder<unknown>, windowDays: number): RawBuilder<unknown> {
  return sql`(r.window_days = ${windowDays}::int and r.window_as_of <= ${day} and ${day} <= r.window_until)`;
}

/** Customers by id: from `from` (inclusive), below `below`; either end open when absent. */
export type CustomerRange = { from?: number; below?: number };

/**
 * Makes customer_rhythm rows for these customers, who had purchase days but no
 * row for the policy's period length (after their purchase days changed, or
 * the policy did): one pass over their purchase days, all of them, whatever
 * the as-of day; in the same pass, when the as-of day is on or after their
 * last purchase, the VIP window sums as of it. Run before full analyses
 * (rhythm-cache.repo.ts).
 */
export function fillRhythmCacheStatement(policy: TypePolicy, asOfDay: string, customerIds: readonly number[]): RawBuilder<unknown> {
  return rhythmRowsUpsert(policy, asOfDay, dayGaps(sql`d.customer_id = any(${customerIds}::bigint[])`, false));
}

/** The customers fillRhythmCacheStatement is for: rhythmlessCustomers below. */
export function rhythmlessCustomersQuery(policy: TypePolicy): RawBuilder<{ customer_id: number }> {
  return sql<{ customer_id: number }>`${rhythmlessCustomers(policy.loyal.periodMonths)}`;
}

/**
 * Makes the rows of every customer in `range` who has purchase days, when
 * none holds a row for the policy's period length (a first analysis, or a new
 * period length). Purchase days are read in key order, so the covering
 * primary key (customer, day, with the day's count and amount) serves them
 * without a sort or a visit to the table, once its pages are all visible.
 */
export function fillWholeRhythmCacheStatement(policy: TypePolicy, asOfDay: string, range: CustomerRange): RawBuilder<unknown> {
  const from = range.from === undefined ? sql`` : sql`and d.customer_id >= ${range.from}::bigint`;
  const below = range.below === undefined ? sql`` : sql`and d.customer_id < ${range.below}::bigint`;
  return rhythmRowsUpsert(policy, asOfDay, dayGaps(sql`true ${from} ${below}`, false));
}

function rhythmRowsUpsert(policy: TypePolicy, asOfDay: string, days: RawBuilder<unknown>): RawBuilder<unknown> {
  const periodMonths = policy.loyal.periodMonths;
  const windowDays = policy.vip.windowDays;
  const day = sql`${asOfDay}::date`;
  const holds = sql`made.last_day <= ${day}`;
  return sql`
    insert into customer_rhythm as r (customer_id, period_months, purchase_day_count, order_count, first_day, last_day,
      interval_count, median_interval, cv, period_count, total_revenue, window_days, window_as_of, window_until, window_revenue, window_day_count)
    select customer_id, ${periodMonths}::int, purchase_day_count, order_count, first_day, last_day,
      interval_count, median_interval, cv, period_count, total_revenue,
      case when ${holds} then ${windowDays}::int end, case when ${holds} then ${day} end,
      case when ${holds} then ${windowUntil(sql`first_in_window`, windowDays)} end,
      case when ${holds} then window_revenue end, case when ${holds} then window_day_count end
    from (
      select customer_id, ${rhythmAggregates(periodMonths)}, ${windowSums(day, windowDays, { firstDay: true })}
      from (${days}) days
      group by customer_id
    ) made
    -- in key order (as grouped): two runs filling at once take the rows' locks in the same order
    order by customer_id
    on conflict (customer_id) do update set period_months = excluded.period_months, purchase_day_count = excluded.purchase_day_count,
      order_count = excluded.order_count, first_day = excluded.first_day, last_day = excluded.last_day,
      interval_count = excluded.interval_count, median_interval = excluded.median_interval, cv = excluded.cv,
      period_count = excluded.period_count, total_revenue = excluded.total_revenue, window_days = excluded.window_days,
      window_as_of = excluded.window_as_of, window_until = excluded.window_until, window_revenue = excluded.window_revenue,
      window_day_count = excluded.window_day_count`;
}

/**
 * The customers whose rhythm row holds on the as-of day but whose window sums
 * do not (a purchase day left the window, the window length changed, or the
 * day is before the one they were made for). On a daily run, about one in a
 * hundred.
 */
export function staleRhythmWindowsQuery(policy: TypePolicy, asOfDay: string): RawBuilder<{ customer_id: number }> {
  const day = sql`${asOfDay}::date`;
  return sql<{ customer_id: number }>`
    select r.customer_id from customer_rhythm r
    where r.period_months = ${policy.loyal.periodMonths}::int and r.last_day <= ${day} and not coalesce(${windowHolds(day, policy.vip.windowDays)}, false)`;
}

/**
 * Brings those customers' window sums up to the as-of day from their purchase
 * days in the window. The customers are named (not a subquery) so the planner
 * sees how few they are and probes by key.
 */
export function refreshRhythmWindowsStatement(policy: TypePolicy, asOfDay: string, customerIds: number[]): RawBuilder<unknown> {
  const windowDays = policy.vip.windowDays;
  const day = sql`${asOfDay}::date`;
  return sql`
    update customer_rhythm r set window_days = ${windowDays}::int, window_as_of = ${day},
      window_until = ${windowUntil(sql`s.first_in_window`, windowDays)}, window_revenue = s.window_revenue, window_day_count = s.window_day_count
    from unnest(${customerIds}::bigint[]) as stale(customer_id)
    cross join lateral (
      -- an aggregate without grouping: one row, zeros for a customer with an empty window
      select ${windowSums(day, windowDays, { firstDay: true })}
      from customer_purchase_day d
      where d.customer_id = stale.customer_id and ${inWindow(day, windowDays)}
    ) s
    where r.customer_id = stale.customer_id`;
}

/**
 * Customers who may have purchase days (their facts say so, or they have no
 * facts row) and have no rhythm row for this period length; with `asOf`, none
 * whose row holds then (its last day is on or before the day and its window
 * sums are for it).
 */
function rhythmlessCustomers(periodMonths: number, asOf?: { day: RawBuilder<unknown>; windowDays: number }): RawBuilder<unknown> {
  const valid = asOf ? sql`and r.last_day <= ${asOf.day} and ${windowHolds(asOf.day, asOf.windowDays)}` : sql``;
  return sql`
    select c.customer_id from customer c left join customer_trait t on t.customer_id = c.customer_id
    where (t.customer_id is null or t.purchase_days > 0)
      and not exists (select 1 from customer_rhythm r where r.customer_id = c.customer_id and r.period_months = ${periodMonths}::int ${valid})`;
}

/**
 * Per customer with a purchase day by the as-of day: the rhythm, window
 * revenue and window purchase days. From customer_rhythm where its row holds
 * (the customer's last purchase day is on or before the as-of day, and its
 * window sums are for the day), worked out from purchase days for the rest
 * (an as-of day in the past, or purchase days that changed since the rows were
 * made).
 */
function dayStatistics(scope: FactsScope): RawBuilder<unknown> {
  const { asOf, policy, customerIds: ids } = scope;
  const day = sql`${asOf.day}::date`;
  const windowDays = policy.vip.windowDays;
  const periodMonths = policy.loyal.periodMonths;
  if (!scope.cachedRhythm || ids !== null) {
    return sql`
      select customer_id, ${rhythmAggregates(periodMonths)}, ${windowSums(day, windowDays)}
      from (${dayGaps(sql`d.day <= ${day} ${onlyCustomers(sql.ref('d.customer_id'), ids, scope.idsHiddenFromPlanner)}`, ids === null)}) days
      group by customer_id`;
  }
  return sql`
    select customer_id, purchase_day_count, order_count, first_day, last_day, interval_count, median_interval, cv, period_count, total_revenue,
      window_revenue, window_day_count
    from customer_rhythm r where r.period_months = ${periodMonths}::int and r.last_day <= ${day} and ${windowHolds(day, windowDays)}
    union all
    select customer_id, ${rhythmAggregates(periodMonths)}, ${windowSums(day, windowDays)}
    from (${dayGaps(sql`d.day <= ${day} and d.customer_id in (${rhythmlessCustomers(periodMonths, { day, windowDays })})`, true)}) days
    group by customer_id`;
}

/**
 * One row per customer known by the as-of time with the facts of
 * customer-facts.ts (the reference): purchase-day rhythm from
 * customer_purchase_day with lag() (or customer_rhythm), window revenue,
 * verified order count (the purchase days' order counts: a day up to the
 * as-of day holds exactly the verified orders before the as-of time),
 * promotion share, first sign of interest and first received order.
 * Set-based so a whole store is one pass over purchase days; orders are read
 * only through partial indexes.
 */
export function customerFactsQuery(scope: FactsScope): RawBuilder<unknown> {
  const { asOf, customerIds: ids, timezone } = scope;
  const instant = sql`${asOf.instant}::timestamptz`;
  return sql`
    with day_stat as (${dayStatistics(scope)}),
    promotion_stat as (
      -- the predicate of customer_order_promotion_idx, so only promotion orders are read
      select customer_id, count(*)::int as promotion_count
      from customer_order
      where promotion_code <> '' and status in ${verified} and ordered_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
      group by customer_id
    ), received as (
      select distinct on (recipient_customer_id) recipient_customer_id as customer_id, ordered_at, channel
      from customer_order
      where recipient_customer_id is not null and recipient_customer_id <> customer_id
        and status in ${verified} and ordered_at < ${instant} ${onlyCustomers(sql.ref('recipient_customer_id'), ids, scope.idsHiddenFromPlanner)}
      order by recipient_customer_id, ordered_at, channel
    ), interest as (
      -- first sign of interest: an event, an order that never became a purchase, or a received order of any status
      select distinct on (customer_id) customer_id, at, channel from (
        select customer_id, occurred_at as at, channel from interest_event
        where occurred_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
        union all
        select customer_id, ordered_at, channel from customer_order
        where status not in ${verified} and ordered_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
        union all
        -- a gift of any status, as the stored facts and the lifecycle count it: a cancelled gift still
        -- named the recipient; only a verified one makes them a consumer (received)
        select recipient_customer_id, ordered_at, channel from customer_order
        where recipient_customer_id is not null and recipient_customer_id <> customer_id
          and ordered_at < ${instant} ${onlyCustomers(sql.ref('recipient_customer_id'), ids, scope.idsHiddenFromPlanner)}
      ) sign
      order by customer_id, at, channel
    )
    select c.customer_id,
      coalesce(d.purchase_day_count, 0) as purchase_day_count,
      d.first_day, d.last_day,
      coalesce(d.interval_count, 0) as interval_count,
      d.median_interval, d.cv,
      coalesce(d.period_count, 0) as period_count,
      coalesce(d.total_revenue, 0)::bigint as total_revenue,
      coalesce(d.window_revenue, 0)::bigint as window_revenue,
      coalesce(d.window_day_count, 0) as window_days,
      coalesce(d.order_count, 0) as order_count,
      coalesce(p.promotion_count, 0) as promotion_count,
      -- BG/NBD lets a customer drop out only after a repeat purchase, so a one-time buyer's P(alive)
      -- is 1 however long they are silent (CDNOW: 12,054 buyers quiet since 1997 were never lapsed);
      -- the quiet-days rule judges them (classify.ts, pAliveOf). A repeat buyer's P(alive) is worked
      -- out for the as-of day: a stored one describes the prediction's day, and P(alive) falls with
      -- every quiet day after it (pAliveColumns)
      ${pAliveColumns(sql`${asOf.day}::date`)},
      (i.at at time zone ${timezone}::text)::date as first_interest_day,
      i.channel as first_interest_channel,
      (r.ordered_at at time zone ${timezone}::text)::date as first_received_day
    from customer c
    left join day_stat d on d.customer_id = c.customer_id
    left join promotion_stat p on p.customer_id = c.customer_id
    left join interest i on i.customer_id = c.customer_id
    left join received r on r.customer_id = c.customer_id
    left join ${predictionSource(scope)} pr on pr.customer_id = c.customer_id
    left join ${bgNbdFits} fit on fit.model_fit_id = pr.model_fit_id
    where c.merged_into_customer_id is null ${onlyCustomers(sql.ref('c.customer_id'), ids, scope.idsHiddenFromPlanner)}
      and (c.created_at < ${instant} or d.customer_id is not null or i.customer_id is not null)`;
}

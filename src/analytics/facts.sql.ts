import { sql, type RawBuilder } from 'kysely';
import type { TypePolicy } from './policy.js';
import type { AsOf } from './settings.repo.js';
import { isAmongIds } from '../db/prepared-statement.js';
import { ordersAsOf, purchaseDaysAsOf, type LaterCredits } from '../traits/index.js';

export type FactsScope = {
  asOf: AsOf;
  timezone: string;
  policy: TypePolicy;
  /** Restrict to these customers (the ingest path); null for everyone. */
  customerIds: number[] | null;
  /** The statement is prepared once for every batch: its ids are hidden from the planner (see isAmongIds). */
  idsHiddenFromPlanner?: boolean;
  /**
   * Read the rhythm of customers whose purchase days have not changed from
   * customer_rhythm (a full run, after refreshRhythmCache) rather than
   * working it out from every purchase day.
   */
  cachedRhythm?: boolean;
  prediction: { hasPrediction: boolean; datedBy: string | null };
  /**
   * Set when credit notes dated after the as-of day credited sales (findLaterCredits): their
   * purchases are then read as of the day. Absent for the ingest path, which judges the store's today.
   */
  laterCredits?: LaterCredits;
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

/** A relation with predictionSource's columns and no rows: a store without predictions. */
const noPrediction = sql`(select null::bigint as customer_id, null::float8 as p_alive, null::date as known_through,
  null::bigint as fit_id, null::float8 as r, null::float8 as alpha, null::float8 as a, null::float8 as b, null::float8 as days_per_unit where false)`;

/** A BG/NBD fit's parameters, in the columns pAliveColumns reads. */
function fitColumns(fit: string): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${fit}.${name}`);
  return sql`${column('model_fit_id')} as fit_id, (${column('params')}->>'r')::float8 as r, (${column('params')}->>'alpha')::float8 as alpha,
    (${column('params')}->>'a')::float8 as a, (${column('params')}->>'b')::float8 as b,
    case when ${column('unit')} = 'week' then 7 else 1 end::float8 as days_per_unit`;
}

/**
 * BG/NBD fits whose parameters P(alive) can be worked out from, calibrated by the as-of day: of
 * those a prediction run made (is_predicting), since a fit only explored with `models fit` may be
 * one predict would set aside as unsound, and exploring must not change who is lapsed.
 */
function bgNbdFitOfDay(fit: string, day: string): RawBuilder<unknown> {
  return sql`${sql.ref(`${fit}.model`)} = 'bgnbd' and ${sql.ref(`${fit}.is_predicting`)} and ${sql.ref(`${fit}.params`)} ?& array['r', 'alpha', 'a', 'b']
    and ${sql.ref(`${fit}.calibration_end`)} <= ${day}::date`;
}

/**
 * Whether BG/NBD fit `f` (calibrated by the as-of day) judges stored prediction `p`: calibrated no
 * earlier than the prediction's day (on that day, fitted no earlier than the prediction's own fit).
 * A BG/NBD prediction's own fit is one, so it is judged by the latest; a Pareto/NBD prediction
 * keeps its stored value until a BG/NBD fit as recent comes.
 */
const judgesPrediction = sql`(f.calibration_end, f.model_fit_id) >= (p.as_of, p.model_fit_id)`;

/**
 * Each customer's stored prediction dated by the as-of day (p_alive, known_through: the last day of
 * purchases it knows) and the BG/NBD fit that judges them (fit_id and its parameters; null for
 * none). A store keeps one prediction per customer, its latest run's, whichever day that run
 * predicted: an analysis of a day takes the BG/NBD fit calibrated latest by that day (ties: the
 * latest fit), so its result does not depend on the order of the runs (CDNOW as of 1998-06-30:
 * 14,686 lapsed after the demo's predictions, 14,794 once predicted again as of an earlier day,
 * judged by that day's fit).
 */
function predictionSource(scope: FactsScope): RawBuilder<unknown> {
  if (!scope.prediction.hasPrediction) return noPrediction;
  const day = scope.asOf.day;
  // a prediction for a day on or before the as-of day (a store without the as_of column yet: made
  // before the as-of time), when predictions are dated
  const datedBy = scope.prediction.datedBy;
  // the last day of purchases the prediction knows (a prediction made before the as_of column, by its time)
  const knownThrough = datedBy === 'as_of' ? sql`p.as_of` : datedBy ? sql`(${sql.ref(`p.${datedBy}`)} at time zone ${scope.timezone}::text)::date` : sql`null::date`;
  if (datedBy === 'as_of' && scope.customerIds === null) return everyonesPrediction(day);
  const dated = datedBy === 'as_of' ? sql`and p.as_of <= ${day}::date`
    : datedBy ? sql`and ${sql.ref(`p.${datedBy}`)} < ${scope.asOf.instant}::timestamptz` : sql``;
  // a store without the as_of column yet: the prediction's own fit
  const judges = datedBy === 'as_of' ? judgesPrediction : sql`f.model_fit_id = p.model_fit_id`;
  // one prediction per customer (the table's key); for each of the few customers the fits are
  // looked up and the latest taken: no more steps than reading the prediction's own fit
  return sql`(select p.customer_id, p.p_alive::float8 as p_alive, ${knownThrough} as known_through, f.fit_id, f.r, f.alpha, f.a, f.b, f.days_per_unit
    from customer_prediction p
    left join lateral (select ${fitColumns('f')} from model_fit f where ${bgNbdFitOfDay('f', day)} and ${judges}
      order by f.calibration_end desc, f.model_fit_id desc limit 1) f on true
    where true ${dated} ${onlyCustomers(sql.ref('p.customer_id'), scope.customerIds, scope.idsHiddenFromPlanner)})`;
}

/**
 * predictionSource for a full analysis: the latest BG/NBD fit calibrated by the day is found once.
 * A prediction dated after the day (a replay of an earlier day) did not exist then: its customer
 * is judged by that fit alone, and with none by the quiet-days rule (CDNOW as of 1998-03-31 after
 * the demo's predictions of 1998-06-30: 14,710 lapsed, not 17,507).
 */
function everyonesPrediction(day: string): RawBuilder<unknown> {
  const isDated = sql`p.as_of <= ${day}::date`;
  // the fit's parameters read from its JSON once, not once per customer
  return sql`(select p.customer_id, case when ${isDated} then p.p_alive::float8 end as p_alive, case when ${isDated} then p.as_of end as known_through,
      f.fit_id, f.r, f.alpha, f.a, f.b, f.days_per_unit
    from customer_prediction p
    left join (select f.calibration_end, f.model_fit_id, ${fitColumns('f')} from model_fit f where ${bgNbdFitOfDay('f', day)}
      order by f.calibration_end desc, f.model_fit_id desc limit 1) f
      on not ${isDated} or ${judgesPrediction})`;
}

/**
 * A repeat buyer's P(alive) and the day it describes, from the prediction and
 * the BG/NBD fit that judges it (pr, see predictionSource), with the
 * customer's purchase days up to the as-of day (d): BG/NBD's FHL (2005) eq. (13), as probabilityAliveBgNbd in
 * src/models/bg-nbd.ts, evaluated at the as-of day (x repeat purchase days;
 * t_x and T from the first purchase day to the last and to the as-of day, in
 * the fit's unit). Any other fit's stored value only while it is at most
 * storedPAliveMaxAgeDays old and knows the last purchase; otherwise null, and
 * the quiet-days rule decides.
 */
function pAliveColumns(day: RawBuilder<unknown>): RawBuilder<unknown> {
  const x = sql`(d.purchase_day_count - 1)`;
  const logOdds = sql`ln(pr.a) - ln(pr.b + ${x} - 1) + (pr.r + ${x})
    * (ln(pr.alpha + (${day} - d.first_day) / pr.days_per_unit) - ln(pr.alpha + (d.last_day - d.first_day) / pr.days_per_unit))`;
  const storedUsable = sql`(pr.known_through is null or (pr.known_through >= d.last_day and pr.known_through >= ${day} - ${storedPAliveMaxAgeDays}::int))`;
  // exp() of a clamped exponent: PostgreSQL raises on overflow and underflow rather than returning inf or 0
  return sql`
      case when d.purchase_day_count >= 2 and pr.customer_id is not null then
        case when pr.fit_id is not null then 1 / (1 + exp(least(greatest(${logOdds}, -700), 700)))
          when ${storedUsable} then pr.p_alive end end as p_alive,
      case when d.purchase_day_count >= 2 and pr.customer_id is not null then
        case when pr.fit_id is not null then ${day} when ${storedUsable} and pr.p_alive is not null then pr.known_through end end as p_alive_as_of,
      -- a stored P(alive) too old (or older than the last purchase) to judge by: the reason says so
      case when d.purchase_day_count >= 2 and pr.fit_id is null and pr.p_alive is not null and not ${storedUsable}
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
function dayGaps(where: RawBuilder<unknown>, sortAfterScan: boolean, days: RawBuilder<unknown> = sql`customer_purchase_day`): RawBuilder<unknown> {
  const customerKey = sortAfterScan ? sql`d.customer_id + 0` : sql`d.customer_id`;
  return sql`
    select ${customerKey} as customer_id, d.day, d.order_count, d.amount_minor,
      d.day - lag(d.day) over (partition by ${customerKey} order by d.day) as gap
    from ${days} d
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
  const laterCredits = scope.laterCredits ?? null;
  // customer_rhythm holds purchase days as stored, with every credit: not those of an earlier day
  if (!scope.cachedRhythm || ids !== null || laterCredits !== null) {
    const days = purchaseDaysAsOf(laterCredits, scope.timezone);
    return sql`
      select customer_id, ${rhythmAggregates(periodMonths)}, ${windowSums(day, windowDays)}
      from (${dayGaps(sql`d.day <= ${day} ${onlyCustomers(sql.ref('d.customer_id'), ids, scope.idsHiddenFromPlanner)}`, ids === null, days)}) days
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
  const orders = ordersAsOf(scope.laterCredits ?? null);
  return sql`
    with day_stat as (${dayStatistics(scope)}),
    promotion_stat as (
      -- the predicate of customer_order_promotion_idx, so only promotion orders are read
      select customer_id, count(*)::int as promotion_count
      from ${orders} o
      where promotion_code <> '' and status in ${verified} and ordered_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
      group by customer_id
    ), received as (
      select distinct on (recipient_customer_id) recipient_customer_id as customer_id, ordered_at, channel
      from ${orders} o
      where recipient_customer_id is not null and recipient_customer_id <> customer_id
        and status in ${verified} and ordered_at < ${instant} ${onlyCustomers(sql.ref('recipient_customer_id'), ids, scope.idsHiddenFromPlanner)}
      order by recipient_customer_id, ordered_at, channel
    ), interest as (
      -- first sign of interest: an event, an order that never became a purchase (a credit note is none: it gives
      -- back money for a purchase), or a received order of any status
      select distinct on (customer_id) customer_id, at, channel from (
        select customer_id, occurred_at as at, channel from interest_event
        where occurred_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
        union all
        select customer_id, ordered_at, channel from ${orders} o
        where status not in ${verified} and status <> 'credit_note' and ordered_at < ${instant} ${onlyCustomers(sql.ref('customer_id'), ids, scope.idsHiddenFromPlanner)}
        union all
        -- a gift of any status, as the stored facts and the lifecycle count it: a cancelled gift still
        -- named the recipient; only a verified one makes them a consumer (received)
        select recipient_customer_id, ordered_at, channel from ${orders} o
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
    where c.merged_into_customer_id is null ${onlyCustomers(sql.ref('c.customer_id'), ids, scope.idsHiddenFromPlanner)}
      and (c.created_at < ${instant} or d.customer_id is not null or i.customer_id is not null)`;
}

import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { storeDefaults } from '../core/store-defaults.js';
import { vipReachOf, type VipCutoffs } from './customer-facts.js';
import { customerTypesByPrecedence, type CustomerType } from './customer-types.js';
import type { TypePolicy } from './policy.js';

export type ClassifySqlContext = { asOfDay: string; policy: TypePolicy; cutoffs: VipCutoffs };

type TypeRule = { type: CustomerType; applies: RawBuilder<unknown>; numbers: RawBuilder<unknown> };

/**
 * Per type, over one row of `flagged` (aliased f): when it applies, and its
 * numbers, as classify.ts writes them (readers make the sentences from them,
 * type-reasons.ts). Returned in precedence order. A date goes into JSON as
 * YYYY-MM-DD whatever the session's DateStyle, without to_char's cost.
 */
function typeRules(policy: TypePolicy, cutoffs: VipCutoffs): TypeRule[] {
  const revenueCutoff = cutoffs.revenueCutoffMinor;
  const frequencyCutoff = cutoffs.frequencyCutoff;
  const byRevenue = vipReachOf(cutoffs, policy.vip.topPercent, 'revenue');
  const byFrequency = vipReachOf(cutoffs, policy.vip.topPercent, 'frequency');
  const occasionalCommon = sql`'purchaseDays', f.purchase_day_count, 'promotionOrderCount', f.promotion_count, 'orderCount', f.order_count,
    'promotionPercent', f.promotion_percent, 'isPromotionDriven', f.is_promotion_driven`;
  // why the rhythm is not regular, as classify.ts's irregularity(): too few intervals, or the variation limit that applied
  const irregularity = sql`case when f.interval_count < ${policy.regular.minIntervals}::int or f.cv is null
    then json_build_object(${occasionalCommon}, 'intervalCount', f.interval_count, 'minIntervals', ${Math.max(policy.regular.minIntervals, 2)}::int)
    when f.median_interval <= ${policy.regular.frequentWithinDays}::int
    then json_build_object(${occasionalCommon}, 'coefficientOfVariation', f.cv,
      'variationLimit', ${Math.max(policy.regular.maxCoefficientOfVariation, policy.regular.frequentMaxCoefficientOfVariation)}::float8, 'frequentWithinDays', ${policy.regular.frequentWithinDays}::int)
    else json_build_object(${occasionalCommon}, 'coefficientOfVariation', f.cv, 'variationLimit', ${policy.regular.maxCoefficientOfVariation}::float8) end`;
  const rules: TypeRule[] = [
    {
      type: 'at_risk',
      applies: sql`f.is_overdue and not f.is_lapsed and not f.is_new`,
      numbers: sql`json_build_object('lastPurchaseDay', f.last_day, 'overdueDay', f.overdue_day,
        'medianIntervalDays', f.median_interval, 'overdueAfterDays', f.overdue_limit, 'coefficientOfVariation', f.cv, 'intervalCount', f.interval_count)`,
    },
    {
      type: 'lapsed',
      applies: sql`f.is_lapsed`,
      // P(alive) with the day it describes; by the quiet-days rule, the day of a prediction too old to judge by, if any
      numbers: sql`case when f.p_alive is not null then json_build_object('pAlive', f.p_alive, 'pAliveAsOf', f.p_alive_as_of, 'lastPurchaseDay', f.last_day,
          'purchaseDays', f.purchase_day_count, 'pAliveBelow', ${policy.lapsed.pAliveBelow}::float8, 'pAliveMinQuietDays', ${policy.lapsed.pAliveMinQuietDays}::int)
        when f.stale_prediction_as_of is not null
        then json_build_object('lastPurchaseDay', f.last_day, 'quietDays', ${policy.lapsed.quietDays}::int, 'stalePredictionAsOf', f.stale_prediction_as_of)
        else json_build_object('lastPurchaseDay', f.last_day, 'quietDays', ${policy.lapsed.quietDays}::int) end`,
    },
    {
      type: 'vip',
      applies: sql`f.is_vip_by_revenue or f.is_vip_by_frequency`,
      numbers: sql`json_build_object('windowDays', ${policy.vip.windowDays}::int, 'windowRevenueMinor', f.window_revenue, 'windowPurchaseDays', f.window_days,
        'topPercent', ${policy.vip.topPercent}::float8, 'revenueCutoffMinor', ${revenueCutoff}::bigint, 'frequencyCutoff', ${frequencyCutoff}::int,
        'vipBy', case when f.is_vip_by_revenue then 'revenue' else 'frequency' end,
        'reachedPercent', case when f.is_vip_by_revenue then ${byRevenue.reachedPercent}::float8 else ${byFrequency.reachedPercent}::float8 end,
        'isTiedAtCutoff', case when f.is_vip_by_revenue then ${byRevenue.isTiedAtCutoff}::boolean else ${byFrequency.isTiedAtCutoff}::boolean end)`,
    },
    {
      type: 'new',
      applies: sql`f.is_new`,
      numbers: sql`json_build_object('firstPurchaseDay', f.first_day)`,
    },
    {
      type: 'regular',
      applies: sql`f.is_regular`,
      // the frequent-buyer rule names its limit, as classify.ts does, only when it made the customer regular
      numbers: sql`case when f.is_frequent_steady
        then json_build_object('medianIntervalDays', f.median_interval, 'coefficientOfVariation', f.cv, 'intervalCount', f.interval_count, 'frequentWithinDays', ${policy.regular.frequentWithinDays}::int)
        else json_build_object('medianIntervalDays', f.median_interval, 'coefficientOfVariation', f.cv, 'intervalCount', f.interval_count) end`,
    },
    {
      type: 'loyal',
      applies: sql`f.is_loyal`,
      numbers: sql`json_build_object('firstPurchaseDay', f.first_day, 'periodCount', f.period_count, 'periodMonths', ${policy.loyal.periodMonths}::int)`,
    },
    {
      type: 'occasional',
      applies: sql`f.purchase_day_count >= 2 and not f.has_regular_rhythm and not f.is_lapsed and not f.is_new and not coalesce(f.is_frequent_loyal, false)`,
      // a loyal customer's purchase days a year beside why the rhythm is not regular, as classify.ts's loyalPurchaseRate()
      numbers: sql`case when f.is_frequent_loyal is not null then (${irregularity}::jsonb || jsonb_build_object(
          'purchaseDaysPerYear', (round(f.interval_count * 3650.0 / (f.last_day - f.first_day)) / 10)::float8,
          'frequentLoyalPurchaseDaysPerYear', ${policy.occasional.frequentLoyalPurchaseDaysPerYear}::int))::json
        else ${irregularity} end`,
    },
    {
      type: 'one_time',
      applies: sql`f.purchase_day_count = 1 and not f.is_new and not f.is_lapsed`,
      numbers: sql`json_build_object('firstPurchaseDay', f.first_day)`,
    },
    {
      type: 'lead',
      applies: sql`not f.is_real`,
      // with their orders by the as-of day when they have any, as classify.ts's leadVerdict()
      numbers: sql`case when f.lead_orders is null
        then json_build_object('firstInterestDay', f.first_interest_day, 'firstInterestChannel', f.first_interest_channel)
        else json_build_object('firstInterestDay', f.first_interest_day, 'firstInterestChannel', f.first_interest_channel,
          'orderCount', f.lead_orders[1] + f.lead_orders[2], 'refundedOrderCount', f.lead_orders[1], 'cancelledOrderCount', f.lead_orders[2]) end`,
    },
    {
      type: 'consumer',
      applies: sql`f.first_received_day is not null`,
      numbers: sql`json_build_object('firstReceivedDay', f.first_received_day)`,
    },
  ];
  return rules.sort((a, b) => customerTypesByPrecedence.indexOf(a.type) - customerTypesByPrecedence.indexOf(b.type));
}

/**
 * One jsonb object per customer keyed by the types that apply, each holding
 * `value` (a json expression over the row of \`e\`), spelled as JSON text and
 * parsed once: building a jsonb per type and concatenating them cost ten
 * binary objects per customer (0.7 s of a 100k-customer run against 0.2 s).
 */
function jsonObjectOf(rules: TypeRule[], value: (rule: TypeRule) => RawBuilder<unknown>): RawBuilder<unknown> {
  const members = rules.map((rule) => sql`case when e.${sql.ref(`applies_${rule.type}`)} then ${`"${rule.type}":`}::text || (${value(rule)})::text end`);
  return sql`('{' || concat_ws(',', ${sql.join(members)}) || '}')::jsonb`;
}

/**
 * The judging steps over every row of `source` (facts.sql.ts's columns), as
 * `with` items ending in `flagged`: each customer's facts with the day counts
 * and flags the rules read.
 */
function flaggedSteps(context: ClassifySqlContext, source: RawBuilder<unknown>): RawBuilder<unknown> {
  const { policy, cutoffs } = context;
  const day = sql`${context.asOfDay}::date`;
  const revenueCutoff = cutoffs.revenueCutoffMinor;
  const frequencyCutoff = cutoffs.frequencyCutoff;
  const frequentLoyal = policy.occasional.frequentLoyalPurchaseDaysPerYear;
  return sql`
    judged as (
      select f.*,
        f.purchase_day_count > 0 as is_real,
        ${day} - f.first_day as days_since_first,
        ${day} - f.last_day as days_since_last,
        case when f.interval_count >= ${policy.atRisk.minIntervals}::int and f.median_interval > 0
          then ${policy.atRisk.overdueFactor}::float8 * f.median_interval end as overdue_limit,
        -- hasRegularRhythm and isFrequentSteady in classify.ts
        (f.interval_count >= ${policy.regular.minIntervals}::int and f.cv is not null
          and (f.cv < ${policy.regular.maxCoefficientOfVariation}::float8
            or (f.median_interval <= ${policy.regular.frequentWithinDays}::int and f.cv < ${policy.regular.frequentMaxCoefficientOfVariation}::float8))) as has_regular_rhythm,
        coalesce(f.interval_count >= ${policy.regular.minIntervals}::int and f.median_interval <= ${policy.regular.frequentWithinDays}::int
          and f.cv >= ${policy.regular.maxCoefficientOfVariation}::float8 and f.cv < ${policy.regular.frequentMaxCoefficientOfVariation}::float8, false) as is_frequent_steady,
        case when f.order_count = 0 then 0 else round(f.promotion_count * 100.0 / f.order_count)::int end as promotion_percent,
        (f.order_count > 0 and f.promotion_count >= ${policy.occasional.promotionDrivenMinOrders}::int
          and f.promotion_count::float8 / f.order_count >= ${policy.occasional.promotionDrivenShare}::float8) as is_promotion_driven
      from ${source} f
    ), lapsed as (
      select j.*,
        -- the first overdue day, as overdueSinceDay in classify.ts
        j.last_day + floor(j.overdue_limit)::int + 1 as overdue_day,
        -- P(alive) judges only after a minimum silence, as classify.ts
        (j.is_real and case when j.p_alive is not null
          then j.p_alive < ${policy.lapsed.pAliveBelow}::float8 and j.days_since_last > ${policy.lapsed.pAliveMinQuietDays}::int
          else j.days_since_last > ${policy.lapsed.quietDays}::int end) as is_lapsed,
        coalesce(j.days_since_last > j.overdue_limit, false) as is_overdue
      from judged j
    ), flagged as (
      select l.*,
        (l.is_real and l.days_since_first < ${policy.newWithinDays}::int and not l.is_lapsed) as is_new,
        -- as is_new: a rhythm is not judged in a customer's first weeks (classify.ts)
        (l.is_real and l.has_regular_rhythm and not l.is_overdue and not l.is_lapsed and l.days_since_first >= ${policy.newWithinDays}::int) as is_regular,
        (l.is_real and l.days_since_first >= ${policy.loyal.minTenureDays}::int and l.period_count >= ${policy.loyal.minPeriods}::int and not l.is_lapsed) as is_loyal,
        -- loyalPurchaseRate in classify.ts; null where no rate applies (not loyal, the rule off, a single purchase day)
        case when l.is_real and l.days_since_first >= ${policy.loyal.minTenureDays}::int and l.period_count >= ${policy.loyal.minPeriods}::int and not l.is_lapsed
            and ${frequentLoyal}::int > 0 and l.last_day > l.first_day
          then l.interval_count * 365 >= ${frequentLoyal}::int * (l.last_day - l.first_day) end as is_frequent_loyal,
        (l.is_real and ${policy.vip.basis !== 'frequency'}::boolean and ${revenueCutoff}::bigint is not null
          and l.window_revenue > 0 and l.window_revenue >= ${revenueCutoff}::bigint) as is_vip_by_revenue,
        (l.is_real and ${policy.vip.basis !== 'revenue'}::boolean and ${frequencyCutoff}::int is not null
          and l.window_days >= 2 and l.window_days >= ${frequencyCutoff}::int) as is_vip_by_frequency,
        -- every order a lead placed by the day is a sign of interest (facts.sql.ts): a lead without one,
        -- most of a store's leads, has none to count and pays nothing; the rest one index probe
        case when not l.is_real and l.first_interest_day is not null then ${leadOrderCounts(day)} end as lead_orders
      from lapsed l
    )`;
}

/**
 * The end of the as-of day in the store's time zone, as resolveAsOfDay makes it (settings.repo.ts,
 * the zone as storeSettingsOf reads it): the context names the day only. Worked out once per
 * statement, and only when a lead's orders are counted.
 */
function asOfDayEnd(day: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`((${day} + 1)::timestamp at time zone coalesce(
    (select s.value #>> '{}' from store_setting s where s.key = 'timezone' and jsonb_typeof(s.value) = 'string'), ${storeDefaults.timeZone}::text))`;
}

/**
 * A lead's orders placed by the as-of day, as [refunded, cancelled], over row \`l\`; null for none.
 * None of them is verified (one would make the lead real), so those are every order but credit
 * notes (which give back money for a purchase, and are none). The predicate of
 * customer_order_not_purchase_idx, so only such orders are read.
 */
function leadOrderCounts(day: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    select case when count(*) > 0 then array[count(*) filter (where o.status = 'refunded'), count(*) filter (where o.status = 'cancelled')]::int[] end
    from customer_order o
    where o.customer_id = l.customer_id and o.status not in ('paid', 'partially_refunded') and o.status <> 'credit_note'
      and o.ordered_at < ${asOfDayEnd(day)})`;
}

/** Every rule's verdict over `flagged` f, as applies_<type> columns. */
function appliesColumns(rules: TypeRule[]): RawBuilder<unknown> {
  return sql.join(rules.map((rule) => sql`coalesce(${rule.applies}, false) as ${sql.ref(`applies_${rule.type}`)}`));
}

/** The types that apply to a row of alias `alias`, in precedence order. */
function typesArray(rules: TypeRule[], alias: string): RawBuilder<unknown> {
  return sql`array_remove(array[${sql.join(rules.map((rule) => sql`case when ${sql.ref(`${alias}.applies_${rule.type}`)} then ${rule.type}::text end`))}], null)`;
}

/**
 * What a customer's stored row is made from, hashed (64 bits): their types
 * and every fact a number of theirs shows (the window, the cut-offs and the
 * share reaching them only for a VIP, P(alive) only when lapsed, so the VIP
 * cut-off moving each day rewrites only VIPs), with `signature`: the rules' SQL and its
 * parameters, which holds the policy. Equal bases mean an identical row, so a
 * full run compares bases and builds numbers (most of its work) only for
 * customers whose basis moved.
 */
function basisOf(rules: TypeRule[], context: ClassifySqlContext, signature: string): RawBuilder<unknown> {
  const { cutoffs } = context;
  const reaches = [vipReachOf(cutoffs, context.policy.vip.topPercent, 'revenue'), vipReachOf(cutoffs, context.policy.vip.topPercent, 'frequency')];
  return sql`hash_record_extended(row(${typesArray(rules, 'f')}, f.purchase_day_count, f.first_day, f.last_day, f.interval_count,
    f.median_interval, f.cv, f.period_count, f.order_count, f.promotion_count, f.first_interest_day, f.first_interest_channel,
    f.lead_orders, f.first_received_day, case when f.applies_vip then f.window_revenue end, case when f.applies_vip then f.window_days end,
    case when f.applies_vip then ${cutoffs.revenueCutoffMinor}::bigint end, case when f.applies_vip then ${cutoffs.frequencyCutoff}::int end,
    case when f.applies_vip then ${JSON.stringify(reaches)}::text end,
    case when f.applies_lapsed then f.p_alive end,
    case when f.applies_lapsed then f.p_alive_as_of end, case when f.applies_lapsed then f.stale_prediction_as_of end, ${signature}::bigint), 0)`;
}

/**
 * Each customer's types and basis, without numbers: what a full
 * run compares with the stored rows before building anything else.
 */
export function judgedTypesQuery(context: ClassifySqlContext, signature: string): RawBuilder<unknown> {
  const rules = typeRules(context.policy, context.cutoffs);
  return sql`
    with ${flaggedSteps(context, sql`analysis_fact`)}
    select customer_id, types, basis from (
      select f.customer_id, ${typesArray(rules, 'f')} as types, ${basisOf(rules, context, signature)} as basis
      from (select f.*, ${appliesColumns(rules)} from flagged f) f
    ) judged_rows
    where cardinality(types) > 0`;
}

/**
 * The rules of classify.ts over every row of \`source\` (analysis_fact unless
 * named; facts.sql.ts's columns), producing customer_type rows with their
 * basis. The numbers must match classify.ts's figure for figure
 * (types.service.test.ts checks); no sentence is stored (type-reasons.ts).
 */
export function classifiedTypesQuery(context: ClassifySqlContext, signature: string, source: RawBuilder<unknown> = sql`analysis_fact`): RawBuilder<unknown> {
  const rules = typeRules(context.policy, context.cutoffs);
  return sql`
    with ${flaggedSteps(context, source)}
    -- one row in, one row out: a customer's types and numbers are assembled in
    -- precedence order from per-type columns (NULL numbers mean the type does
    -- not apply), never by splitting into a row per type and aggregating back,
    -- which costs a sort and ordered aggregates per customer
    select customer_id, types, types[1] as primary_type, numbers, basis from (
      select e.customer_id, e.basis,
        ${typesArray(rules, 'e')} as types,
        ${jsonObjectOf(rules, (rule) => sql`e.${sql.ref(`numbers_${rule.type}`)}`)} as numbers
      from (
        select f.customer_id, ${basisOf(rules, context, signature)} as basis,
          ${sql.join(rules.map((rule) => sql`f.${sql.ref(`applies_${rule.type}`)}`))},
          ${sql.join(rules.map((rule) => sql`case when f.${sql.ref(`applies_${rule.type}`)} then ${rule.numbers} end as ${sql.ref(`numbers_${rule.type}`)}`))}
        from (
          select f.*, ${appliesColumns(rules)}
          from flagged f
          -- a fence too: without it every place the basis and the numbers read a verdict gets the
          -- verdict's whole expression (20 kB for one row), which a prepared statement compiles
          -- at every run (a single order's statement: about 0.06 ms of 0.85 ms on the server)
          offset 0
        ) f
        -- a fence: without it the planner inlines every type's numbers once per place they are used
        offset 0
      ) e
      offset 0
    ) assembled
    where cardinality(types) > 0`;
}

const signatures = new Map<string, string>();

/**
 * The rules and their parameters, hashed into a bigint for basisOf: the
 * classification SQL compiled with the as-of day and the cut-offs left out
 * (the cut-offs enter a VIP's basis as figures). A new policy or rule changes
 * it, and every customer's row is then built again.
 */
export function typesSignature(db: Kysely<Database>, context: ClassifySqlContext): string {
  const neutral: ClassifySqlContext = { ...context, asOfDay: '2000-01-01', cutoffs: { realCustomerCount: 0, revenueCutoffMinor: null, frequencyCutoff: null, revenueReachedCount: null, frequencyReachedCount: null } };
  const key = JSON.stringify(neutral.policy);
  let signature = signatures.get(key);
  if (signature === undefined) {
    const compiled = classifiedTypesQuery(neutral, '0').compile(db);
    const digest = createHash('sha256').update(compiled.sql).update(JSON.stringify(compiled.parameters)).digest();
    signature = digest.readBigInt64BE(0).toString();
    signatures.set(key, signature);
  }
  return signature;
}

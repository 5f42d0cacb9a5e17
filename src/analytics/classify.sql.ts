import { sql, type RawBuilder } from 'kysely';
import type { VipCutoffs } from './customer-facts.js';
import { customerTypesByPrecedence, formatDecimal } from './customer-types.js';
import { formatMoneyWith, type MoneyFormat } from './money-format.js';
import type { TypePolicy } from './policy.js';

export type ClassifySqlContext = { asOfDay: string; policy: TypePolicy; cutoffs: VipCutoffs; money: MoneyFormat };

/** Formats integer minor units exactly like `formatMoney` (see money-format.ts). */
function money(expression: RawBuilder<unknown>, format: MoneyFormat): RawBuilder<string> {
  const pattern = format.fractionDigits === 0 ? 'FM999,999,999,999,999,990' : `FM999,999,999,999,999,990.${'0'.repeat(format.fractionDigits)}`;
  return sql<string>`(${format.prefix}::text || translate(to_char(${expression}::numeric / ${10 ** format.fractionDigits}::numeric, ${pattern}::text), ',.', ${format.groupSeparator + format.decimalSeparator}::text) || ${format.suffix}::text)`;
}

/** Like formatDecimal: at most two decimals, no trailing zeros. */
function decimal(expression: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`trim_scale(round((${expression})::numeric, 2))::text`;
}

const rank = (type: (typeof customerTypesByPrecedence)[number]) => customerTypesByPrecedence.indexOf(type);

/**
 * The rules of classify.ts over every row of `analysis_fact` (facts.sql.ts),
 * producing customer_type rows. Sentences are built here, set-wise, and must
 * match classify.ts word for word (classify.sql.test.ts checks).
 */
export function classifiedTypesQuery(context: ClassifySqlContext): RawBuilder<unknown> {
  const { policy, cutoffs, money: format } = context;
  const day = sql`${context.asOfDay}::date`;
  const revenueCutoff = cutoffs.revenueCutoffMinor;
  const frequencyCutoff = cutoffs.frequencyCutoff;
  return sql`
    with judged as (
      select f.*,
        f.purchase_day_count > 0 as is_real,
        ${day} - f.first_day as days_since_first,
        ${day} - f.last_day as days_since_last,
        case when f.interval_count >= ${policy.atRisk.minIntervals}::int and f.median_interval > 0
          then ${policy.atRisk.overdueFactor}::float8 * f.median_interval end as overdue_limit,
        (f.interval_count >= ${policy.regular.minIntervals}::int and f.cv is not null and f.cv < ${policy.regular.maxCoefficientOfVariation}::float8) as has_regular_rhythm,
        case when f.order_count = 0 then 0 else round(f.promotion_count * 100.0 / f.order_count)::int end as promotion_percent,
        (f.order_count > 0 and f.promotion_count >= ${policy.occasional.promotionDrivenMinOrders}::int
          and f.promotion_count::float8 / f.order_count >= ${policy.occasional.promotionDrivenShare}::float8) as is_promotion_driven
      from analysis_fact f
    ), lapsed as (
      select j.*,
        (j.is_real and case when j.p_alive is not null then j.p_alive < ${policy.lapsed.pAliveBelow}::float8
          else j.days_since_last > ${policy.lapsed.quietDays}::int end) as is_lapsed,
        coalesce(j.days_since_last > j.overdue_limit, false) as is_overdue
      from judged j
    ), flagged as (
      select l.*,
        (l.is_real and l.days_since_first < ${policy.newWithinDays}::int and not l.is_lapsed) as is_new,
        (l.is_real and l.has_regular_rhythm and not l.is_overdue and not l.is_lapsed) as is_regular,
        (l.is_real and ${policy.vip.basis !== 'frequency'}::boolean and ${revenueCutoff}::bigint is not null
          and l.window_revenue > 0 and l.window_revenue >= ${revenueCutoff}::bigint) as is_vip_by_revenue,
        (l.is_real and ${policy.vip.basis !== 'revenue'}::boolean and ${frequencyCutoff}::int is not null
          and l.window_days >= 2 and l.window_days >= ${frequencyCutoff}::int) as is_vip_by_frequency
      from lapsed l
    ), verdict as (
      -- which types apply first; sentences and numbers are built only for those (CASE evaluates one branch)
      select f.*, v.rank, v.type
      from flagged f
      cross join lateral (values
        (${rank('at_risk')}::int, 'at_risk', f.is_overdue and not f.is_lapsed),
        (${rank('lapsed')}, 'lapsed', f.is_lapsed),
        (${rank('vip')}, 'vip', f.is_vip_by_revenue or f.is_vip_by_frequency),
        (${rank('new')}, 'new', f.is_new),
        (${rank('regular')}, 'regular', f.is_regular),
        (${rank('loyal')}, 'loyal', f.is_real and f.days_since_first >= ${policy.loyal.minTenureDays}::int
            and f.period_count >= ${policy.loyal.minPeriods}::int and not f.is_lapsed),
        (${rank('occasional')}, 'occasional', f.purchase_day_count >= 2 and not f.has_regular_rhythm and not f.is_lapsed and not f.is_new),
        (${rank('one_time')}, 'one_time', f.purchase_day_count = 1 and not f.is_new and not f.is_lapsed),
        (${rank('lead')}, 'lead', not f.is_real),
        (${rank('consumer')}, 'consumer', f.first_received_day is not null)
      ) as v(rank, type, applies)
      where v.applies
    ), explained as (
      select f.customer_id, f.rank, f.type,
        case f.type
          when 'at_risk' then 'At risk: ' || f.days_since_last || ' days since last purchase, usually every ' || ${decimal(sql`f.median_interval`)}
            || ' days (overdue after ' || ${decimal(sql`f.overdue_limit`)} || ')'
          when 'lapsed' then case when f.p_alive is not null
            then 'Lapsed: probability of still being a customer ' || floor(f.p_alive * 100 + 0.5)::int || '% (below ' || ${formatDecimal(policy.lapsed.pAliveBelow * 100)}::text || '%)'
            else 'Lapsed: no purchase for ' || f.days_since_last || ' days (limit ' || ${policy.lapsed.quietDays}::int || ')' end
          when 'vip' then case when f.is_vip_by_revenue
            then 'VIP: revenue in the last ' || ${policy.vip.windowDays}::int || ' days ' || ${money(sql`f.window_revenue`, format)}
              || ', within the top ' || ${formatDecimal(policy.vip.topPercent)}::text || '% of customers (cut-off '
              || ${revenueCutoff === null ? '' : formatMoneyWith(format, revenueCutoff)}::text || ')'
            else 'VIP: ' || f.window_days || ' purchase days in the last ' || ${policy.vip.windowDays}::int || ' days, within the top '
              || ${formatDecimal(policy.vip.topPercent)}::text || '% of customers (cut-off ' || ${frequencyCutoff}::int || ')' end
          when 'new' then 'New: first purchase ' || to_char(f.first_day, 'YYYY-MM-DD') || ', ' || f.days_since_first || ' days ago'
          when 'regular' then 'Regular: buys about every ' || ${decimal(sql`f.median_interval`)} || ' days (variation ' || floor(f.cv * 100 + 0.5)::int
            || '%) over ' || f.interval_count || ' intervals'
          when 'loyal' then 'Loyal: customer for ' || f.days_since_first || ' days, bought in ' || f.period_count || ' different '
            || ${policy.loyal.periodMonths}::int || '-month periods'
          when 'occasional' then 'Occasional: ' || f.purchase_day_count || ' purchase days at an irregular rhythm, ' || f.promotion_percent || '% of orders with a promotion'
            || case when f.is_promotion_driven then ' (promotion-driven)' else '' end
          when 'one_time' then 'One-time buyer: single purchase ' || to_char(f.first_day, 'YYYY-MM-DD') || ', ' || f.days_since_last || ' days ago'
          when 'lead' then case when f.first_interest_day is null then 'Lead: no verified purchase yet, no sign of interest recorded'
            else 'Lead: no verified purchase yet, first interest ' || to_char(f.first_interest_day, 'YYYY-MM-DD') || ' via '
              || coalesce(f.first_interest_channel, 'an unknown channel') end
          when 'consumer' then 'Consumer: received an order bought by another customer on ' || to_char(f.first_received_day, 'YYYY-MM-DD')
        end as reason,
        case f.type
          when 'at_risk' then jsonb_build_object('daysSinceLastPurchase', f.days_since_last, 'medianIntervalDays', f.median_interval, 'overdueAfterDays', f.overdue_limit,
            'coefficientOfVariation', f.cv, 'intervalCount', f.interval_count, 'lastPurchaseDay', to_char(f.last_day, 'YYYY-MM-DD'))
          when 'lapsed' then jsonb_build_object('pAlive', f.p_alive, 'daysSinceLastPurchase', f.days_since_last, 'quietDays', ${policy.lapsed.quietDays}::int)
          when 'vip' then jsonb_build_object('windowDays', ${policy.vip.windowDays}::int, 'windowRevenueMinor', f.window_revenue, 'windowPurchaseDays', f.window_days,
            'topPercent', ${policy.vip.topPercent}::float8, 'revenueCutoffMinor', ${revenueCutoff}::bigint, 'frequencyCutoff', ${frequencyCutoff}::int)
          when 'new' then jsonb_build_object('firstPurchaseDay', to_char(f.first_day, 'YYYY-MM-DD'), 'daysSinceFirstPurchase', f.days_since_first)
          when 'regular' then jsonb_build_object('medianIntervalDays', f.median_interval, 'coefficientOfVariation', f.cv, 'intervalCount', f.interval_count)
          when 'loyal' then jsonb_build_object('daysSinceFirstPurchase', f.days_since_first, 'periodCount', f.period_count, 'periodMonths', ${policy.loyal.periodMonths}::int)
          when 'occasional' then jsonb_build_object('purchaseDays', f.purchase_day_count, 'promotionOrderCount', f.promotion_count, 'orderCount', f.order_count,
            'promotionPercent', f.promotion_percent, 'isPromotionDriven', f.is_promotion_driven)
          when 'one_time' then jsonb_build_object('firstPurchaseDay', to_char(f.first_day, 'YYYY-MM-DD'), 'daysSinceLastPurchase', f.days_since_last)
          when 'lead' then jsonb_build_object('firstInterestDay', to_char(f.first_interest_day, 'YYYY-MM-DD'), 'firstInterestChannel', f.first_interest_channel)
          when 'consumer' then jsonb_build_object('firstReceivedDay', to_char(f.first_received_day, 'YYYY-MM-DD'))
        end as numbers
      from verdict f
    )
    select customer_id,
      array_agg(type order by rank) as types,
      (array_agg(type order by rank))[1] as primary_type,
      string_agg(reason, '; ' order by rank) as explanation,
      jsonb_object_agg(type, reason) as reasons,
      jsonb_object_agg(type, numbers) as numbers
    from explained group by customer_id`;
}

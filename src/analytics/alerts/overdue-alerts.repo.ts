import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TypePolicy } from '../policy.js';

/**
 * Raises 'customer_overdue' for customers with a regular rhythm who are now at
 * risk. The alert's window is the day they became overdue (last purchase +
 * overdue limit + 1), and its figures are of that day: `expected` the limit in
 * days (overdueAfterDays), `actual` the days since the last purchase on it, so
 * `change_pct` is how far past the limit that first day is (small by design; the
 * alert says when the rhythm broke, the explanation by how much it usually runs). A run raises those who became overdue on any day since
 * the previous run, so runs a fortnight apart miss no one and the alert key
 * keeps a day from being raised twice. The previous run is the latest one
 * dated before this run's day that was the latest-dated when it ran: a
 * time-travel run (dated before a run recorded earlier) is skipped, else
 * analysing an old day and then today again would back-fill every day
 * between them, and the open list would depend on which days were analysed,
 * not on the data. Without a previous run, a run looks back
 * `alerts.overdueLookbackDays` only, so it does not flood the list with
 * long-overdue customers. `types` is a
 * relation of customer_type rows (customer_id, types, numbers):
 * customer_type itself, or the ingest path's own just-classified rows. The
 * at-risk numbers are kept with the alert; its sentence is made on read
 * (alerts.service.ts, listAlerts).
 */
export function overdueAlertsStatement(
  types: RawBuilder<unknown>, policy: TypePolicy, asOfDay: string, options: { anyOverdueDay?: boolean } = {},
): RawBuilder<unknown> {
  const since = options.anyOverdueDay ? sql`'-infinity'::date` : sql`coalesce(
        (select max(r.as_of_day) from analysis_run r
          where r.as_of_day < ${asOfDay}::date
            -- a run that raised no alerts (analyze's raisesAlerts: false) is no one's previous run either
            and (r.counts ->> 'raisesAlerts') is distinct from 'false'
            -- a run dated before one recorded earlier looked back in time: it is no one's previous run
            and not exists (select 1 from analysis_run earlier where earlier.run_id < r.run_id and earlier.as_of_day > r.as_of_day)),
        ${asOfDay}::date - ${policy.alerts.overdueLookbackDays}::int)`;
  return sql`
    insert into alert (kind, metric, scope, granularity, customer_id, window_start, window_end, expected, actual, change_pct, explanation)
    select 'customer_overdue', 'days_since_last_purchase', 'customer:' || o.customer_id, 'customer', o.customer_id,
      o.overdue_day, o.overdue_day, o.overdue_after, o.days_since_last, ${overdueChangePct}, ${overdueExplanation}
    from (${overdueCustomers(types, policy)}) o
    where o.overdue_day > ${since}
      and o.overdue_day <= ${asOfDay}::date
      -- one alert per lapse: a lapse judged again (a changed policy moves its overdue day) is not raised a second time
      and not exists (select 1 from alert e where e.kind = 'customer_overdue' and e.customer_id = o.customer_id
        and e.explanation ->> 'lastPurchaseDay' = o.last_purchase_day)
    on conflict on constraint alert_window_key do nothing`;
}

const overdueChangePct = sql`round(((o.days_since_last - o.overdue_after) / o.overdue_after * 100)::numeric, 1)::float8`;
const overdueExplanation = sql`jsonb_build_object('atRisk', o.at_risk, 'types', o.types, 'medianIntervalDays', o.median_interval,
        'lastPurchaseDay', o.last_purchase_day, 'overdueDay', to_char(o.overdue_day, 'YYYY-MM-DD'))`;

/** The at-risk customers with a regular rhythm, by either bound (hasRegularRhythm in classify.ts), and their overdue figures. */
function overdueCustomers(types: RawBuilder<unknown>, policy: TypePolicy): RawBuilder<unknown> {
  return sql`
      select c.customer_id, c.types, c.numbers -> 'at_risk' as at_risk,
        (c.numbers -> 'at_risk' ->> 'overdueAfterDays')::float8 as overdue_after,
        -- on the alert's day, not the run's: the figures are of the day the alert names (its window)
        (c.numbers -> 'at_risk' ->> 'overdueDay')::date - (c.numbers -> 'at_risk' ->> 'lastPurchaseDay')::date as days_since_last,
        (c.numbers -> 'at_risk' ->> 'medianIntervalDays')::float8 as median_interval,
        c.numbers -> 'at_risk' ->> 'lastPurchaseDay' as last_purchase_day,
        (c.numbers -> 'at_risk' ->> 'overdueDay')::date as overdue_day
      from ${types} c
      where 'at_risk' = any(c.types)
        and (c.numbers -> 'at_risk' ->> 'intervalCount')::int >= ${policy.regular.minIntervals}::int
        and ((c.numbers -> 'at_risk' ->> 'coefficientOfVariation')::float8 < ${policy.regular.maxCoefficientOfVariation}::float8
          or ((c.numbers -> 'at_risk' ->> 'medianIntervalDays')::float8 <= ${policy.regular.frequentWithinDays}::int
            and (c.numbers -> 'at_risk' ->> 'coefficientOfVariation')::float8 < ${policy.regular.frequentMaxCoefficientOfVariation}::float8))`;
}

/**
 * Brings an open overdue alert up to date when its lapse (the same last purchase) is judged again
 * with another overdue day, as a changed policy does ("overdue since 12-01 (more than 8 days)" becomes
 * "since 12-05 (more than 12 days)"): updated in place, so a lapse keeps one alert, its id and any
 * note of who raised it, and its sentence tells the limit in force. The day it was first judged
 * overdue is kept (`firstOverdueDay`). Returns how many were updated.
 */
export async function rejudgeOpenOverdueAlerts(db: Kysely<Database>, types: RawBuilder<unknown>, policy: TypePolicy, asOfDay: string): Promise<number> {
  const result = await sql`
    update alert a set window_start = o.overdue_day, window_end = o.overdue_day, expected = o.overdue_after, actual = o.days_since_last,
      change_pct = ${overdueChangePct},
      explanation = a.explanation || ${overdueExplanation}
        || jsonb_build_object('firstOverdueDay', coalesce(a.explanation ->> 'firstOverdueDay', to_char(a.window_start, 'YYYY-MM-DD')))
    from (${overdueCustomers(withOpenOverdueAlert(types), policy)}) o
    where a.kind = 'customer_overdue' and a.customer_id = o.customer_id and a.acknowledged_at is null and not (a.explanation ? 'closed')
      and a.explanation ->> 'lastPurchaseDay' = o.last_purchase_day and a.window_start <> o.overdue_day and o.overdue_day <= ${asOfDay}::date
      -- the alert key holds: never onto a day the customer already has an alert for, and one alert per lapse moves
      and not exists (select 1 from alert e where e.kind = 'customer_overdue' and e.scope = a.scope and e.window_start = o.overdue_day and e.window_end = o.overdue_day)
      and not exists (select 1 from alert b where ${isLaterOpenAlertOfLapse})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

// the few customers with an open overdue alert, probed by key rather than every type row read again
const withOpenOverdueAlert = (types: RawBuilder<unknown>) => sql`(select t.customer_id, t.types, t.numbers from ${types} t
  where t.customer_id in (select customer_id from alert where kind = 'customer_overdue' and acknowledged_at is null))`;

// b: an open overdue alert raised after a, for the same customer and last purchase
const isLaterOpenAlertOfLapse = sql`b.kind = 'customer_overdue' and b.customer_id = a.customer_id and b.acknowledged_at is null
  and b.explanation ->> 'lastPurchaseDay' = a.explanation ->> 'lastPurchaseDay' and b.alert_id > a.alert_id`;

/**
 * Closes an open overdue alert when a later one is open for the same lapse (same customer and last
 * purchase): raised before one alert per lapse held, when a changed policy moved the lapse's overdue
 * day. Closed as the system, saying by which (`closed: { reason: 'superseded', alertId }`). Returns how many.
 */
export async function closeSupersededOverdueAlerts(db: Kysely<Database>): Promise<number> {
  const result = await sql`
    update alert a set acknowledged_at = now(), acknowledged_by = 'system',
      explanation = a.explanation || jsonb_build_object('closed', jsonb_build_object('reason', 'superseded',
        'alertId', (select max(b.alert_id) from alert b where ${isLaterOpenAlertOfLapse})))
    where a.kind = 'customer_overdue' and a.acknowledged_at is null and not (a.explanation ? 'closed')
      and exists (select 1 from alert b where ${isLaterOpenAlertOfLapse})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Closes the open overdue alerts of customers who have bought again since the
 * last purchase their alert names, by the run's as-of day (a run judges by its
 * day: one dated earlier leaves open what was still open then). Closed as the
 * system acknowledging it, with why kept beside the at-risk numbers; an alert
 * staff reopen after that is theirs and is not closed again. Returns how many
 * were closed.
 */
export async function closeOverdueAlertsOfReturnedCustomers(
  db: Kysely<Database>, asOfDay: string, options: { customerIds?: readonly number[]; mergeId?: number } = {},
): Promise<number> {
  const only = options.customerIds ? sql<boolean>`o.customer_id = any(${[...options.customerIds]}::bigint[])` : sql<boolean>`true`;
  const result = await closeReturnedCustomersAlertsStatement(asOfDay, only, options.mergeId).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The statement of closeOverdueAlertsOfReturnedCustomers, for the alerts (`o`) `isOfCustomers`
 * admits: the ingest path closes a returning customer's alert in its order batch's own statement
 * (types-incremental.repo.ts), so the alert list never says overdue of someone who just bought.
 */
export function closeReturnedCustomersAlertsStatement(asOfDay: string, isOfCustomers: RawBuilder<boolean>, mergeId?: number): RawBuilder<unknown> {
  const byMerge = mergeId === undefined ? sql`'{}'::jsonb` : sql`jsonb_build_object('mergeId', ${mergeId}::bigint)`;
  return sql`
    update alert a set acknowledged_at = now(), acknowledged_by = 'system',
      explanation = a.explanation || jsonb_build_object('closed', jsonb_build_object('reason', 'bought_again', 'day', to_char(returned.day, 'YYYY-MM-DD')) || ${byMerge})
    from (
      select o.alert_id, min(p.day) as day
      from alert o
      join customer_purchase_day p on p.customer_id = o.customer_id
        and p.day > coalesce((o.explanation ->> 'lastPurchaseDay')::date, o.window_end) and p.day <= ${asOfDay}::date
      where o.kind = 'customer_overdue' and o.acknowledged_at is null and not (o.explanation ? 'closed') and ${isOfCustomers}
      group by o.alert_id
    ) returned
    where a.alert_id = returned.alert_id`;
}

/** Whether any of these customers has an open overdue alert (not acknowledged, not closed). */
export async function hasOpenOverdueAlert(db: Kysely<Database>, customerIds: readonly number[]): Promise<boolean> {
  const result = await sql<{ open: boolean }>`
    select exists (select 1 from alert where kind = 'customer_overdue' and acknowledged_at is null
      and customer_id = any(${[...customerIds]}::bigint[])) as open`.execute(db);
  return result.rows[0].open;
}

/**
 * Undoes what a merge did to the kept customer's overdue alerts (judgeKeptCustomerOverdueAfterMerge),
 * except where staff acted on an alert since: acknowledged alerts are kept, and a later decision
 * wins, as a later profile edit does. An alert the merge raised is deleted unless someone
 * acknowledged it; that one stays, with who acknowledged it and when, marked as ended by the undo
 * (`closed.reason` 'merge_undone', as an analysis marks one 'bought_again'; a closed alert is not
 * closed again). An alert the merge closed opens again if it is still as the merge left it.
 */
export async function revertMergeOverdueAlerts(db: Kysely<Database>, keptId: number, mergeId: number): Promise<void> {
  const ofKept = sql`kind = 'customer_overdue' and customer_id = ${keptId}::bigint`;
  const closedBySystem = sql`(acknowledged_by = 'system' and explanation ? 'closed')`;
  await sql`update alert set acknowledged_at = null, acknowledged_by = null, explanation = explanation - 'closed'
    where ${ofKept} and ${closedBySystem} and (explanation -> 'closed' ->> 'mergeId')::bigint = ${mergeId}::bigint`.execute(db);
  const raisedByMerge = sql`${ofKept} and (explanation ->> 'raisedByMergeId')::bigint = ${mergeId}::bigint`;
  await sql`delete from alert where ${raisedByMerge} and (acknowledged_at is null or ${closedBySystem})`.execute(db);
  await sql`update alert set explanation = explanation || jsonb_build_object('closed', jsonb_build_object('reason', 'merge_undone', 'mergeId', ${mergeId}::bigint))
    where ${raisedByMerge}`.execute(db);
}

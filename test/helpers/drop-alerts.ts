import { sql, type Kysely } from 'kysely';
import { storeAlerts, type NewAlert } from '../../src/analytics/alerts/alerts.repo.js';
import { addDays } from '../../src/core/clock.js';
import type { Database } from '../../src/db/schema.js';

/** A week's revenue drop in a scope: what it was expected to be and what it was (minor units). */
export type Drop = { scope: string; expected: number; actual: number };

/**
 * Revenue drop alerts of a test's own, for the week ending a day after any alert the demo's analysis raised,
 * so they head the open list and mark the revenue trend's last period whatever the demo holds. Answers each
 * alert's id by its scope, and the week's last day.
 */
export async function storeDropsAfterLatest(db: Kysely<Database>, drops: readonly Drop[]): Promise<{ windowEnd: string; idOf: (scope: string) => number }> {
  const latest = (await sql<{ day: string | null }>`select to_char(max(window_end), 'YYYY-MM-DD') as day from alert`.execute(db)).rows[0].day;
  const windowEnd = addDays(latest ?? '2026-12-07', 1);
  const alerts = drops.map(({ scope, expected, actual }): NewAlert => ({
    kind: 'metric_drop', metric: 'revenue', scope, granularity: 'week', windowStart: addDays(windowEnd, -6), windowEnd,
    expected, actual, changePct: Math.round(((actual - expected) / expected) * 1000) / 10, explanation: { explainedBy: [] },
  }));
  await storeAlerts(db, alerts);
  const rows = (await sql<{ alert_id: number; scope: string }>`select alert_id, scope from alert where window_end = ${windowEnd}::date`.execute(db)).rows;
  return { windowEnd, idOf: (scope) => Number(rows.find((row) => row.scope === scope)!.alert_id) };
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Where an alert stands in the alert list: its sort key in findAlerts' order (alerts.repo.ts). */
export type AlertKey = { windowEnd: string; kind: string; changePct: number; alertId: number };

/**
 * How many alerts of a list (open only, or all; of one kind or any) come at or
 * before `key` in findAlerts' order (window end, newest first; kind; largest
 * change first; id): the offset that resumes the list right after that alert,
 * wherever acknowledgements or new alerts have moved it since. Holds findAlerts'
 * filter and order (alert-position.repo.test.ts pages through both alike).
 */
export async function countAlertsThrough(db: Kysely<Database>, filter: { isOpenOnly: boolean; kind: string | null }, key: AlertKey): Promise<number> {
  const change = Math.abs(key.changePct);
  const result = await sql<{ count: number }>`
    select count(*)::int as count from alert
    where (not ${filter.isOpenOnly}::boolean or acknowledged_at is null) and (${filter.kind}::text is null or kind = ${filter.kind}::text)
      and (window_end > ${key.windowEnd}::date or (window_end = ${key.windowEnd}::date and (kind < ${key.kind}::text
        or (kind = ${key.kind}::text and (abs(change_pct) > ${change}::float8 or (abs(change_pct) = ${change}::float8 and alert_id <= ${key.alertId}::bigint))))))`.execute(db);
  return result.rows[0].count;
}

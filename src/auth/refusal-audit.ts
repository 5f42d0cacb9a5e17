import { sql, type Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { recordAudit } from './audit.js';

type Db = Kysely<Database>;

/** A signed-in caller (a staff session or an API key) the server answered 403. */
export type Refusal = {
  actor: string;
  /** The request's method and its route's pattern (`/api/customers/:customerId`), never the URL sent: no ids, no query. */
  method: string;
  route: string;
  /**
   * The permission the caller lacked, else the one the route asks for (a missing CSRF token, a one-time
   * password not yet replaced); null when neither names one (a missing CSRF token on a GET that needs one).
   */
  permission: string | null;
  /** AUTH_FORBIDDEN, AUTH_CSRF_INVALID or AUTH_TEMPORARY_PASSWORD_FORBIDDEN. */
  code: string;
};

/** Repeats of one refusal (same actor, route, permission and code) within this long of its entry fold into it. */
export const refusalFoldMs = 60_000;

// past this many refusals in memory, those whose minute is over are let go
const pruneAbove = 500;

type Open = { until: number; count: number; auditId: Promise<number | null> };

/**
 * Writes `access.refused` audit entries, one per caller, route, permission and minute: the first
 * refusal is written at once (detail `count: 1`), and each repeat within the minute only raises that
 * entry's `count`, so a script retrying a forbidden call a thousand times leaves one entry saying
 * 1000, not a thousand entries. Folded in memory, per process (as the sign-in limits are): a second
 * process, or a restart, starts an entry of its own, which is still a count and not a flood.
 *
 * Written on `db` itself, never in a request's transaction (the refusal is answered after any such
 * transaction has rolled back), and a failure to write is logged, never answered: the caller hears the
 * same 403 whether or not the log could be written.
 */
export function createRefusalAudit(db: Db, clock: Clock): (refusal: Refusal) => Promise<void> {
  const open = new Map<string, Open>();
  const prune = (now: number) => {
    if (open.size <= pruneAbove) return;
    for (const [key, state] of open) if (state.until <= now) open.delete(key);
  };
  return async (refusal) => {
    const now = clock.now().getTime();
    const key = JSON.stringify([refusal.actor, refusal.method, refusal.route, refusal.permission, refusal.code]);
    const current = open.get(key);
    if (current && now < current.until) {
      current.count += 1;
      const count = current.count;
      const auditId = await current.auditId;
      if (auditId !== null) await foldRefusal(db, auditId, count);
      return;
    }
    prune(now);
    let failure: unknown = null;
    const entry: Open = {
      until: now + refusalFoldMs,
      count: 1,
      auditId: recordAudit(db, {
        actor: refusal.actor,
        action: 'access.refused',
        entity: `${refusal.method} ${refusal.route}`,
        detail: { permission: refusal.permission, code: refusal.code, method: refusal.method, route: refusal.route, count: 1 },
      }).catch((error: unknown) => {
        failure = error;
        return null;
      }),
    };
    open.set(key, entry);
    // an entry that could not be written is tried again by the next refusal, not folded into nothing
    if ((await entry.auditId) === null) {
      if (open.get(key) === entry) open.delete(key);
      throw failure;
    }
  };
}

/** Raises a refusal entry's count; never lowers it, when two repeats' updates arrive out of order. */
async function foldRefusal(db: Db, auditId: number, count: number): Promise<void> {
  await db
    .updateTable('audit_event')
    .set({ detail: sql<string>`jsonb_set(detail, '{count}', to_jsonb(greatest(coalesce((detail->>'count')::int, 1), ${count}::int)))` })
    .where('audit_id', '=', auditId)
    .where('action', '=', 'access.refused')
    .execute();
}

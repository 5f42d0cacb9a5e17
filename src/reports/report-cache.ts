import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { calendarDayIn, type Clock } from '../core/clock.js';
import type { Store } from '../db/client.js';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';

/**
 * Reports over every purchase day (lifecycle 5.1 s, cohorts 4.7 s, types 2.0 s at 313k customers)
 * were computed again by every request, so a team opening the reports page queued behind its own
 * repeats. A report is kept here, per store, under its name, its parameters and the store's data
 * version (db/migrations/202612260100_report_data_version.sql: it moves with every write to what
 * the reports read) and today's store day (a report left without an as-of stands on a day that
 * moves with the clock). So a cached report is never stale: any change makes a new key.
 */
export const maxCachedReports = 48;

/** Where a report's key stands: `isSettled` false while a writer may hold changes not yet committed. */
export type DataStamp = { version: string; today: string; isSettled: boolean };

/** `misses`: reports computed; `hits`: reports answered from the cache, at once or after waiting for a slot. */
export type ReportCacheStats = { hits: number; misses: number; entries: number };

type StoreCache = { entries: Map<string, unknown>; stats: Omit<ReportCacheStats, 'entries'> };

const caches = new WeakMap<Store, StoreCache>();

function cacheOf(store: Store): StoreCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = { entries: new Map(), stats: { hits: 0, misses: 0 } };
    caches.set(store, cache);
  }
  return cache;
}

/** Counts of the store's report cache since the process started: tests and diagnostics read them. */
export function reportCacheStats(store: Store): ReportCacheStats {
  const cache = cacheOf(store);
  return { ...cache.stats, entries: cache.entries.size };
}

/**
 * The version first, then whether any writer is still open: a writer takes its lock before it
 * draws a number, so a version read before no lock is found holds only committed changes.
 */
export async function readDataStamp(db: Kysely<Database>, clock: Clock): Promise<DataStamp> {
  const { rows } = await sql<{ version: string }>`select last_value::text || ':' || is_called::text as version from store_data_version`.execute(db);
  const { rows: writers } = await sql<{ open: boolean }>`
    select exists (select 1 from pg_locks where locktype = 'advisory' and classid = 20261226
      and objid = (hashtext(current_schema()))::oid and objsubid = 2 and granted
      -- advisory locks are server-wide: a writer to a same-named schema of another database is not this store's
      and database = (select oid from pg_database where datname = current_database())) as open`.execute(db);
  const settings = await getStoreSettings(db);
  return { version: rows[0]!.version, today: calendarDayIn(clock.now(), settings.timeZone), isSettled: !writers[0]!.open };
}

/** The same parameters in any order, and one left out or undefined, make the same key. */
export function reportCacheKey(report: string, params: Record<string, unknown>, stamp: Pick<DataStamp, 'version' | 'today'>): string {
  const given = Object.keys(params).filter((key) => params[key] !== undefined).sort().map((key) => [key, params[key]]);
  return JSON.stringify([report, given, stamp.version, stamp.today]);
}

/**
 * The report under `key`, else what `compute` makes of it, kept when the stamp is settled.
 * `compute` gets a `lookup` to call once it may run (report-run.ts: after it waited for a slot):
 * five people opening the page at once queue for the two slots, and those who waited are answered
 * with what the first ones computed meanwhile, instead of computing it again.
 */
export async function cachedReport<T>(
  store: Store, key: string, isSettled: boolean, compute: (lookup: () => { value: T } | null) => Promise<T>,
): Promise<T> {
  const cache = cacheOf(store);
  const lookup = (): { value: T } | null => {
    if (!cache.entries.has(key)) return null;
    const value = cache.entries.get(key) as T;
    // most recently used last: the first entry is the one to drop
    cache.entries.delete(key);
    cache.entries.set(key, value);
    cache.stats.hits += 1;
    return { value };
  };
  const found = lookup();
  if (found) return found.value;
  let isComputed = false;
  const value = await compute(() => {
    const late = lookup();
    if (!late) {
      isComputed = true;
      cache.stats.misses += 1;
    }
    return late;
  });
  if (isComputed && isSettled) {
    cache.entries.set(key, value);
    while (cache.entries.size > maxCachedReports) cache.entries.delete(cache.entries.keys().next().value!);
  }
  return value;
}

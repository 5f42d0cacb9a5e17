import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { restorePlanCacheMode, switchToGenericPlans } from '../db/prepared-statement.js';
import { AppError } from '../core/errors.js';
import { storeNow } from '../settings/index.js';
import { compileFilter, type CompiledFilter } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter, parseSavedFilter } from './filter-schema.js';
import type { FilterNode } from './filter-types.js';
import { filterReadsField } from './filter-reads-field.js';
import {
  isFewCustomers, listMemberRows, listMembershipEvents, lockAllSegments, refreshMembership, type MemberRow, type MembershipDiff, type MembershipEvent,
} from './membership.repo.js';
import { withSegmentProblems, type SegmentWithProblems } from './persona-problems.js';
import { segmentErrorCodes } from './segments.errors.js';
import {
  deleteSegmentRows, findSegmentById, findSegmentsByNameIgnoringCase, insertSegment, listSegmentRows, updateSegmentRow, type SegmentRow,
} from './segments.repo.js';

type Db = Kysely<Database>;
export type SegmentInput = { name: string; description?: string | null; filter: unknown };
export type SegmentRefresh = MembershipDiff & { segmentId: number; name: string; seconds: number };

/**
 * Validates and compiles against this store, so a saved segment always compiles. `isSaved`: a filter
 * saved before a check was added (a value outside a closed list, a reversed date range) still refreshes,
 * matching no one where it did, instead of failing every import's refresh (parseSavedFilter).
 */
export async function prepareFilter(
  db: Db, filter: unknown, asOf: Date, options: { perCustomer?: boolean; isSaved?: boolean } = {},
): Promise<{ filter: FilterNode; compiled: CompiledFilter }> {
  const { isSaved = false, ...compileOptions } = options;
  const catalog = await loadFilterCatalog(db, { checkData: !isSaved });
  const parsed = isSaved ? parseSavedFilter(filter) : parseFilter(filter, { storeLists: catalog.storeLists });
  return { filter: parsed, compiled: compileFilter(parsed, { asOf, catalog, ...compileOptions }) };
}

/** A segment by number, or by name in any letter case, with what is wrong with it now (persona-problems.ts). */
export async function getSegment(db: Db, idOrName: number | string): Promise<SegmentWithProblems> {
  const [segment] = await withSegmentProblems(db, [await findSegment(db, idOrName)]);
  return segment;
}

/** A segment by number, or by name in any letter case, as names are unique ignoring case ("champs" finds "CHAMPS"). */
async function findSegment(db: Db, idOrName: number | string): Promise<SegmentRow> {
  if (typeof idOrName === 'number') {
    const segment = await findSegmentById(db, idOrName);
    if (!segment) throw new AppError(segmentErrorCodes.notFound, `There is no segment #${idOrName}.`);
    return segment;
  }
  const [first, ...others] = await findSegmentsByNameIgnoringCase(db, idOrName);
  if (!first) throw new AppError(segmentErrorCodes.notFound, `There is no segment ${JSON.stringify(idOrName)}.`);
  if (first.name === idOrName || others.length === 0) return first;
  // only in a store made before names were unique ignoring case, and none is spelled as given
  const candidates = [first, ...others].map((segment) => `#${segment.segment_id} ${JSON.stringify(segment.name)}`).join(', ');
  throw new AppError(segmentErrorCodes.notFound, `Several segments are named ${JSON.stringify(idOrName)} ignoring case (${candidates}): give the name exactly as written, or the segment's number.`, {
    segmentIds: [first, ...others].map((segment) => segment.segment_id),
  });
}

export async function listSegments(db: Db): Promise<SegmentWithProblems[]> {
  return withSegmentProblems(db, await listSegmentRows(db));
}

async function refreshOne(
  db: Db, segment: { segment_id: number; name: string; filter: unknown }, asOf: Date, only: number[] | null, options: { isLocked?: boolean } = {},
): Promise<SegmentRefresh> {
  const started = performance.now();
  const { compiled } = await prepareFilter(db, segment.filter, asOf, { isSaved: true });
  const diff = await refreshMembership(db, segment.segment_id, compiled, asOf, only, options);
  return { segmentId: segment.segment_id, name: segment.name, ...diff, seconds: (performance.now() - started) / 1000 };
}

/**
 * The name as saved: trimmed, as the API's schema trims it, so the CLI and the API keep the same
 * names. Blank is refused; digits alone are a segment's number wherever a segment is named (the
 * CLI's `segments show 7`, the API's /segments/7).
 */
function checkSegmentName(given: string): string {
  const name = given.trim();
  if (name === '') throw new AppError(segmentErrorCodes.nameInvalid, 'A segment needs a name: give one with a letter in it.', { field: 'name' });
  if (/^\s*#?\d+\s*$/.test(name)) {
    throw new AppError(segmentErrorCodes.nameInvalid, `A segment's name needs a letter: ${JSON.stringify(name)} would be read as a segment number.`, { field: 'name' });
  }
  return name;
}

/** Names are unique, so a taken one must be given up or freed; the namesake goes by its number, which needs no quoting in a shell. */
function nameTaken(name: string, namesake: { segment_id: number; name: string }, attempt: 'create' | 'rename'): AppError {
  const segmentId = namesake.segment_id;
  const differsInCase = namesake.name !== name ? ` (names differing only in case are the same name)` : '';
  const deleteIt = `delete it (\`clientele segments delete ${segmentId}\`, or DELETE /api/segments/${segmentId})`;
  const makeWay = attempt === 'create'
    ? `change segment #${segmentId} instead (\`clientele segments update ${segmentId} --filter …\`, or PATCH /api/segments/${segmentId}), or ${deleteIt} first`
    : `free it first: rename segment #${segmentId} (\`clientele segments update ${segmentId} --name …\`, or PATCH /api/segments/${segmentId}) or ${deleteIt}`;
  return new AppError(segmentErrorCodes.nameExists, `A segment named ${JSON.stringify(namesake.name)} already exists (#${segmentId})${differsInCase}: choose another name, or ${makeWay}.`, { field: 'name', segmentId, existingName: namesake.name });
}

/** Saves a segment and fills its membership at once. */
export async function createSegment(db: Db, input: SegmentInput, options: { actor: string; clock: Clock }): Promise<{ segment: SegmentWithProblems; refresh: SegmentRefresh }> {
  const asOf = await storeNow(db, options.clock);
  const { filter } = await prepareFilter(db, input.filter, asOf);
  const name = checkSegmentName(input.name);
  // ignoring case, as persona names: only the service enforces it, as stores may already hold such pairs
  const [namesake] = await findSegmentsByNameIgnoringCase(db, name);
  if (namesake) throw nameTaken(name, namesake, 'create');
  const segmentId = await insertSegment(db, { name, description: input.description ?? null, filter, createdBy: options.actor });
  const refresh = await refreshOne(db, { segment_id: segmentId, name, filter }, asOf, null);
  return { segment: await getSegment(db, segmentId), refresh };
}

export async function updateSegment(db: Db, idOrName: number | string, changes: Partial<SegmentInput>, options: { clock: Clock }): Promise<{ segment: SegmentWithProblems; refresh: SegmentRefresh | null }> {
  const segment = await findSegment(db, idOrName);
  const asOf = await storeNow(db, options.clock);
  const filter = changes.filter === undefined ? undefined : (await prepareFilter(db, changes.filter, asOf)).filter;
  const name = changes.name === undefined ? undefined : checkSegmentName(changes.name);
  if (name !== undefined && name !== segment.name) {
    // a segment may change the case of its own name
    const namesake = (await findSegmentsByNameIgnoringCase(db, name)).find((other) => other.segment_id !== segment.segment_id);
    if (namesake) throw nameTaken(name, namesake, 'rename');
  }
  await updateSegmentRow(db, segment.segment_id, { name, description: changes.description, filter });
  const refresh = filter ? await refreshOne(db, { segment_id: segment.segment_id, name: name ?? segment.name, filter }, asOf, null) : null;
  return { segment: await getSegment(db, segment.segment_id), refresh };
}

export async function deleteSegment(db: Db, idOrName: number | string): Promise<void> {
  const segment = await findSegment(db, idOrName);
  await db.transaction().execute((trx) => deleteSegmentRows(trx, segment.segment_id));
}

export async function refreshSegment(db: Db, idOrName: number | string, options: { clock: Clock }): Promise<SegmentRefresh> {
  return refreshOne(db, await findSegment(db, idOrName), await storeNow(db, options.clock), null);
}

/**
 * Full recomputation of every segment: run on a schedule so relative dates
 * ("last 90 days") move on, and by whatever rewrites a field for everyone (an
 * analysis, a policy change, a prediction run), inside its transaction. On its
 * own each segment commits by itself; in a caller's transaction every segment
 * stays locked until that commits, so the locks are taken first in id order,
 * as an ingest batch takes them, and the two queue rather than deadlock.
 *
 * `analysisDayEnd`: an analysis's as-of instant (the first one after its day). Its segments are judged
 * on that day, as its types and RFM scores are, and their entries and exits stamped with it: at the
 * day's last moment, or at the store's now when that comes first (today's run), so no stamp lies in
 * the future. Without it, at the store's now.
 */
export async function refreshAllSegments(db: Db, options: { clock: Clock; analysisDayEnd?: Date }): Promise<SegmentRefresh[]> {
  const now = await storeNow(db, options.clock);
  const asOf = options.analysisDayEnd === undefined ? now : lastMomentBefore(options.analysisDayEnd, now);
  const isLocked = db.isTransaction;
  if (isLocked) await lockAllSegments(db);
  const results: SegmentRefresh[] = [];
  for (const segment of await listSegmentRows(db)) results.push(await refreshOne(db, segment, asOf, null, { isLocked }));
  return results;
}

/** The last moment before `end` (a day's end, to the millisecond, as a data set's end is stored), but no later than `now`. */
function lastMomentBefore(end: Date, now: Date): Date {
  const lastMoment = new Date(end.getTime() - 1);
  return lastMoment < now ? lastMoment : now;
}

/**
 * Reconsiders only these customers in every segment; the ingest path calls it
 * after a batch changes them, and every write to a customer (profile, consent,
 * identities, deletion, merge) for the customers it changed. Pass `db` as the
 * write's transaction to keep membership in the same commit.
 */
export async function refreshSegmentsForCustomers(db: Db, customerIds: number[], options: { asOf?: Date; readingField?: string } = {}): Promise<SegmentRefresh[]> {
  if (customerIds.length === 0) return [];
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshSegmentsForCustomers(trx, customerIds, options));
  const asOf = options.asOf ?? new Date();
  const unique = [...new Set(customerIds)];
  // a store without segments pays one statement per write
  const locked = await lockAllSegments(db);
  // `readingField`: only the segments whose filter reads it (a write that changed only that field)
  const segments = options.readingField === undefined ? locked : locked.filter((segment) => filterReadsField(parseSavedFilter(segment.filter), options.readingField!));
  if (segments.length === 0) return [];
  const catalog = await loadFilterCatalog(db, { checkData: false });
  // a batch's few customers: each segment's statement runs prepared (see refreshMembership)
  const previousPlanCacheMode = isFewCustomers(unique) ? await switchToGenericPlans(db) : null;
  const results: SegmentRefresh[] = [];
  for (const segment of segments) {
    const started = performance.now();
    const compiled = compileFilter(parseSavedFilter(segment.filter), { asOf, catalog });
    const diff = await refreshMembership(db, segment.segment_id, compiled, asOf, unique, { isLocked: true, isPrepared: previousPlanCacheMode !== null });
    results.push({ segmentId: segment.segment_id, name: segment.name, ...diff, seconds: (performance.now() - started) / 1000 });
  }
  if (previousPlanCacheMode !== null) await restorePlanCacheMode(db, previousPlanCacheMode);
  return results;
}

export async function listSegmentMembers(db: Db, idOrName: number | string, options: { limit?: number; after?: number }): Promise<{ items: MemberRow[]; next: number | null }> {
  const segment = await findSegment(db, idOrName);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
  const items = await listMemberRows(db, segment.segment_id, { limit, afterCustomerId: options.after });
  return { items, next: items.length === limit ? items[items.length - 1].customer_id : null };
}

export async function segmentHistory(db: Db, idOrName: number | string, limit = 50): Promise<MembershipEvent[]> {
  const segment = await findSegment(db, idOrName);
  return listMembershipEvents(db, segment.segment_id, limit);
}

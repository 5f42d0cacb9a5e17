import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { compileFilter } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseSavedFilter } from './filter-schema.js';
import type { FilterNode } from './filter-types.js';
import { lockAllSegments, refreshMembership } from './membership.repo.js';
import { refreshSegmentsForCustomers, type SegmentRefresh } from './segments.service.js';
import { filterReadsField } from './filter-reads-field.js';
import { updateSegmentRow } from './segments.repo.js';

type Db = Kysely<Database>;

/**
 * Reconsiders, in the segments whose filter reads `field`, these customers (or everyone): for a write
 * that changes only that field, such as a persona (re)assignment, which runs after the ingest path's
 * own refresh of the batch and would otherwise leave persona segments a batch behind. In the caller's
 * transaction; every segment is locked first, in id order, as the other refreshes take them.
 */
export async function refreshSegmentsReadingField(db: Db, field: string, options: { asOf: Date; customerIds?: number[] }): Promise<SegmentRefresh[]> {
  if (options.customerIds !== undefined) return refreshSegmentsForCustomers(db, options.customerIds, { asOf: options.asOf, readingField: field });
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshSegmentsReadingField(trx, field, options));
  const reading = (await lockAllSegments(db)).map((segment) => ({ ...segment, filter: parseSavedFilter(segment.filter) }))
    .filter((segment) => filterReadsField(segment.filter, field));
  if (reading.length === 0) return [];
  const catalog = await loadFilterCatalog(db, { checkData: false });
  const results: SegmentRefresh[] = [];
  for (const segment of reading) {
    const started = performance.now();
    const diff = await refreshMembership(db, segment.segment_id, compileFilter(segment.filter, { asOf: options.asOf, catalog }), options.asOf, null, { isLocked: true });
    results.push({ segmentId: segment.segment_id, name: segment.name, ...diff, seconds: (performance.now() - started) / 1000 });
  }
  return results;
}

/** The filter with every `field` value a key of `renames` (in lower case) spelled as renamed; null when none is. */
export function renameFieldValues(node: FilterNode, field: string, renames: ReadonlyMap<string, string>): FilterNode | null {
  // all at once: "A" → "B" and "B" → "C" in one discovery must not make "A" "C"
  const rename = (value: unknown) => (typeof value === 'string' ? renames.get(value.toLowerCase()) ?? value : value);
  let isChanged = false;
  const walk = (child: FilterNode): FilterNode => {
    if ('and' in child) return { and: child.and.map(walk) };
    if ('or' in child) return { or: child.or.map(walk) };
    if ('not' in child) return { not: walk(child.not) };
    // contains and starts_with take a part of a name, which a rename does not carry over
    if (!('field' in child) || child.field !== field || !['eq', 'neq', 'in', 'nin'].includes(child.op)) return child;
    const value = Array.isArray(child.value) ? child.value.map(rename) : rename(child.value);
    if (JSON.stringify(value) === JSON.stringify(child.value)) return child;
    isChanged = true;
    return { ...child, value } as FilterNode;
  };
  const renamed = walk(node);
  return isChanged ? renamed : null;
}

export type PersonaRename = { from: string; to: string };

/**
 * Saved filters name personas, so they follow a persona's new name: a segment of "Bargain hunters"
 * stays that persona's segment under its new name rather than matching no one. A rename by a
 * marketer, or by a rediscovery (a pinned persona whose name nobody gave takes the new generated one).
 */
export async function renamePersonasInFilters(db: Db, renames: PersonaRename[]): Promise<void> {
  const changed = new Map(renames.filter((rename) => rename.from !== rename.to).map((rename) => [rename.from.toLowerCase(), rename.to]));
  if (changed.size === 0) return;
  for (const segment of await lockAllSegments(db)) {
    const renamed = renameFieldValues(parseSavedFilter(segment.filter), 'persona', changed);
    if (renamed) await updateSegmentRow(db, segment.segment_id, { filter: renamed });
  }
}

/** A marketer's rename, then the segments reading persona refreshed: the new name may be one a filter named before it existed. */
export async function followPersonaRename(db: Db, rename: PersonaRename, options: { asOf: Date }): Promise<SegmentRefresh[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => followPersonaRename(trx, rename, options));
  await renamePersonasInFilters(db, [rename]);
  return refreshSegmentsReadingField(db, 'persona', { asOf: options.asOf });
}

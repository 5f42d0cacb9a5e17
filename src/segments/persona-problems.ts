import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { listPersonaNames } from './filter-catalog.js';
import { parseSavedFilter } from './filter-schema.js';
import type { FilterNode } from './filter-types.js';
import { listSegmentRows, type SegmentRow } from './segments.repo.js';

type Db = Kysely<Database>;

/**
 * What is wrong with a saved segment now, though it was right when saved: a persona it names is gone
 * (retired by a rediscovery that did not keep it pinned), so its condition matches no one. New filters
 * are refused such names; a saved one keeps it, and says so here rather than emptying in silence.
 */
export type SegmentProblem = {
  field: 'persona'; value: string;
  /** PERSONA_RETIRED: a persona had that name until `retiredAt`; PERSONA_MISSING: none ever had. */
  code: 'PERSONA_RETIRED' | 'PERSONA_MISSING';
  retiredAt: Date | null;
};
export type SegmentWithProblems = SegmentRow & { problems: SegmentProblem[] };

/** The persona names a filter takes whole (eq, neq, in, nin), once each ignoring case, in the order written. */
export function personaNamesInFilter(node: FilterNode): string[] {
  const names = new Map<string, string>();
  const walk = (child: FilterNode): void => {
    if ('and' in child) return child.and.forEach(walk);
    if ('or' in child) return child.or.forEach(walk);
    if ('not' in child) return walk(child.not);
    // contains and starts_with take a part of a name, which stays a fair question whatever the personas are
    if (!('field' in child) || child.field !== 'persona' || !['eq', 'neq', 'in', 'nin'].includes(child.op)) return;
    const values: unknown[] = Array.isArray(child.value) ? child.value : [child.value];
    for (const value of values) if (typeof value === 'string' && !names.has(value.toLowerCase())) names.set(value.toLowerCase(), value);
  };
  walk(node);
  return [...names.values()];
}

/** The names no current persona has (ignoring case, as filters match them). */
export function missingPersonaNames(named: readonly string[], current: readonly string[]): string[] {
  const known = new Set(current.map((name) => name.toLowerCase()));
  return named.filter((name) => !known.has(name.toLowerCase()));
}

/** When each name (in lower case) was last retired; a name no persona ever had is absent. */
async function lastRetiredAt(db: Db, names: string[]): Promise<Map<string, Date>> {
  if (names.length === 0) return new Map();
  const keys = [...new Set(names.map((name) => name.toLowerCase()))];
  const { rows } = await sql<{ name_key: string; retired_at: Date }>`
    select lower(name) as name_key, max(retired_at) as retired_at from persona
    where retired_at is not null and lower(name) = any(${keys}::text[]) group by lower(name)`.execute(db);
  return new Map(rows.map((row) => [row.name_key, new Date(row.retired_at)]));
}

/** The segments with their problems (none for a segment whose filter names no persona: no query then). */
export async function withSegmentProblems<T extends SegmentRow>(db: Db, segments: T[]): Promise<Array<T & { problems: SegmentProblem[] }>> {
  const named = segments.map((segment) => personaNamesInFilter(parseSavedFilter(segment.filter)));
  if (named.every((names) => names.length === 0)) return segments.map((segment) => ({ ...segment, problems: [] }));
  const current = await listPersonaNames(db);
  const missing = named.map((names) => missingPersonaNames(names, current));
  const retired = await lastRetiredAt(db, missing.flat());
  return segments.map((segment, index) => ({
    ...segment,
    problems: missing[index].map((value): SegmentProblem => {
      const retiredAt = retired.get(value.toLowerCase()) ?? null;
      return { field: 'persona', value, code: retiredAt ? 'PERSONA_RETIRED' : 'PERSONA_MISSING', retiredAt };
    }),
  }));
}

/** A saved segment a change of personas left naming a persona that is gone, with its members before and after. */
export type SegmentLosingPersonas = { segmentId: number; name: string; personas: string[]; membersBefore: number; membersAfter: number };

/** Member counts of the segments whose filter names a persona, to compare after a change of personas. */
export async function countPersonaSegmentMembers(db: Db): Promise<Map<number, number>> {
  const segments = await listSegmentRows(db);
  return new Map(segments.filter((segment) => personaNamesInFilter(parseSavedFilter(segment.filter)).length > 0)
    .map((segment) => [segment.segment_id, Number(segment.member_count)]));
}

/**
 * The segments that name a persona among `wereCurrent` (the names before the change) which no current
 * persona has now: those the change broke, not those broken before it (GET /api/segments says those).
 */
export async function findSegmentsLosingPersonas(db: Db, options: { wereCurrent: readonly string[]; membersBefore: ReadonlyMap<number, number> }): Promise<SegmentLosingPersonas[]> {
  const wereCurrent = new Set(options.wereCurrent.map((name) => name.toLowerCase()));
  const current = await listPersonaNames(db);
  const losing: SegmentLosingPersonas[] = [];
  for (const segment of await listSegmentRows(db)) {
    const lost = missingPersonaNames(personaNamesInFilter(parseSavedFilter(segment.filter)), current).filter((name) => wereCurrent.has(name.toLowerCase()));
    if (lost.length === 0) continue;
    const membersAfter = Number(segment.member_count);
    losing.push({ segmentId: segment.segment_id, name: segment.name, personas: lost, membersBefore: options.membersBefore.get(segment.segment_id) ?? membersAfter, membersAfter });
  }
  return losing;
}

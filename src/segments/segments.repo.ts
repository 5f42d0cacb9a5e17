import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FilterNode } from './filter-types.js';

export type SegmentRow = {
  segment_id: number;
  name: string;
  description: string | null;
  filter: FilterNode;
  member_count: number;
  refreshed_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

const columns = ['segment_id', 'name', 'description', 'filter', 'member_count', 'refreshed_at', 'created_by', 'created_at', 'updated_at'] as const;

export async function insertSegment(db: Kysely<Database>, input: { name: string; description: string | null; filter: FilterNode; createdBy: string }): Promise<number> {
  const row = await db.insertInto('segment')
    .values({ name: input.name, description: input.description, filter: JSON.stringify(input.filter), created_by: input.createdBy })
    .returning('segment_id').executeTakeFirstOrThrow();
  return row.segment_id;
}

export async function updateSegmentRow(db: Kysely<Database>, segmentId: number, changes: { name?: string; description?: string | null; filter?: FilterNode }): Promise<void> {
  await db.updateTable('segment').set({
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(changes.description === undefined ? {} : { description: changes.description }),
    ...(changes.filter === undefined ? {} : { filter: JSON.stringify(changes.filter) }),
    updated_at: new Date(),
  }).where('segment_id', '=', segmentId).execute();
}

export async function findSegmentById(db: Kysely<Database>, segmentId: number): Promise<SegmentRow | undefined> {
  return (await db.selectFrom('segment').select(columns).where('segment_id', '=', segmentId).executeTakeFirst()) as SegmentRow | undefined;
}

/**
 * The segments whose name equals this one ignoring case (the rule that keeps names unique), the one
 * spelled exactly so first: a store made before that rule may hold names differing only in case.
 */
export async function findSegmentsByNameIgnoringCase(db: Kysely<Database>, name: string): Promise<SegmentRow[]> {
  return (await db.selectFrom('segment').select(columns).where(sql<boolean>`lower(name) = lower(${name})`)
    .orderBy(sql`name = ${name}`, 'desc').orderBy('segment_id').execute()) as SegmentRow[];
}

/**
 * By name as a reader looks one up: ignoring case and accents ("ābolu pircēji" among the a's, "bulk
 * buyers" before "Pelanggan setia"), as the customer list sorts names (customer-sorts.ts), in the
 * same order on every store (collate "C" on text already folded); then as written, then by number.
 */
export async function listSegmentRows(db: Kysely<Database>): Promise<SegmentRow[]> {
  return (await db.selectFrom('segment').select(columns)
    .orderBy(sql`lower(fold_accents(name)) collate "C"`).orderBy(sql`name collate "C"`).orderBy('segment_id')
    .execute()) as SegmentRow[];
}

export async function deleteSegmentRows(db: Kysely<Database>, segmentId: number): Promise<void> {
  const tables = db;
  await tables.deleteFrom('segment_member').where('segment_id', '=', segmentId).execute();
  await tables.deleteFrom('segment_membership_event').where('segment_id', '=', segmentId).execute();
  await tables.deleteFrom('segment').where('segment_id', '=', segmentId).execute();
}

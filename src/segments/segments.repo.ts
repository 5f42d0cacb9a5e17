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

export async function findSegment(db: Kysely<Database>, idOrName: number | string): Promise<SegmentRow | undefined> {
  const query = db.selectFrom('segment').select(columns);
  const row = typeof idOrName === 'number' ? await query.where('segment_id', '=', idOrName).executeTakeFirst() : await query.where('name', '=', idOrName).executeTakeFirst();
  return row as SegmentRow | undefined;
}

/**
 * A segment whose name equals this one ignoring case, as persona names are compared: "Champs" and
 * "champs" would be told apart only by case wherever a segment is named.
 */
export async function findSegmentByNameIgnoringCase(db: Kysely<Database>, name: string): Promise<{ segment_id: number; name: string } | undefined> {
  return db.selectFrom('segment').select(['segment_id', 'name']).where(sql<boolean>`lower(name) = lower(${name})`).orderBy('segment_id').executeTakeFirst();
}

export async function listSegmentRows(db: Kysely<Database>): Promise<SegmentRow[]> {
  return (await db.selectFrom('segment').select(columns).orderBy('name').execute()) as SegmentRow[];
}

export async function deleteSegmentRows(db: Kysely<Database>, segmentId: number): Promise<void> {
  const tables = db;
  await tables.deleteFrom('segment_member').where('segment_id', '=', segmentId).execute();
  await tables.deleteFrom('segment_membership_event').where('segment_id', '=', segmentId).execute();
  await tables.deleteFrom('segment').where('segment_id', '=', segmentId).execute();
}

import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../../auth/audit.js';
import { mergeCustomers } from '../../customers/merge.service.js';

type Db = Kysely<Database>;

/** Stubs a customer-file row joined, with customer ids (see resolveFileRows). */
export type PlannedJoin = { line: number; customerId: number; mergedIds: number[] };

/** What a row joined, for the import summary: the stubs merged into its customer, and the merges that can undo it. */
export type StubJoinRecord = { line: number; customerId: number; mergedCustomerIds: number[]; mergeIds: number[] };

/**
 * Merges the stubs each row joined into the row's customer with the standard
 * merge: recorded, audited and undoable (`clientele customers unmerge`) like
 * one made by hand, and in the batch's transaction so a failed batch merges
 * nothing. An audit event per row names the import line that joined them.
 */
export async function joinStubs(db: Db, joins: PlannedJoin[], context: { importId: number; file: string; clock?: Clock }): Promise<StubJoinRecord[]> {
  if (joins.length === 0) return [];
  const run = await db.selectFrom('import_run').select('started_by').where('import_id', '=', context.importId).executeTakeFirst();
  const actor = run?.started_by ?? 'system';
  const records: StubJoinRecord[] = [];
  for (const { line, customerId, mergedIds } of joins) {
    const mergeIds: number[] = [];
    for (const mergedId of mergedIds) mergeIds.push((await mergeCustomers(db, customerId, mergedId, actor, { clock: context.clock })).mergeId);
    await recordAudit(db, {
      actor, action: 'customer.import.join', entity: 'customer', entityId: String(customerId),
      detail: { importId: context.importId, file: context.file, line, mergedCustomerIds: mergedIds, mergeIds },
    });
    records.push({ line, customerId, mergedCustomerIds: mergedIds, mergeIds });
  }
  return records;
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { listMerges, mergeCustomers, undoMerge } from '../../customers/merge.service.js';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { clienteleCommand } from '../store-command.js';

export async function runCustomersMerge(runtime: CliRuntime, keepId: number, otherId: number): Promise<void> {
  const result = await runtime.withStore(({ db, actor }) => mergeCustomers(db, keepId, otherId, actor));
  runtime.print(result, (r) => `Merged customer #${otherId} into #${keepId} (merge #${r.mergeId}). Undo with: ${clienteleCommand(`customers unmerge ${r.mergeId}`)}`);
}

export async function runCustomersUnmerge(runtime: CliRuntime, mergeId: number): Promise<void> {
  const result = await runtime.withStore(({ db, actor }) => undoMerge(db, mergeId, actor).catch((error) => rethrowNamingMerges(db, mergeId, error)));
  runtime.print(result, (r) => `Merge #${r.mergeId} undone: customer #${r.restoredCustomerId} restored from #${r.keptCustomerId} with ${r.ordersMovedBack} orders, ${r.eventsMovedBack} interest events and ${r.giftsMovedBack} gifts.`);
}

/**
 * A merge id that does not exist but is a customer's number with merges: support staff type the
 * customer they are looking at, so the error names that customer's merge ids to undo instead.
 */
async function rethrowNamingMerges(db: Kysely<Database>, number: number, error: unknown): Promise<never> {
  if (!(error instanceof AppError) || error.code !== 'CUSTOMER_MERGE_NOT_FOUND') throw error;
  const merges = await listMerges(db, number).catch(() => []);
  const undoable = merges.filter((merge) => merge.undone_at === null).map((merge) => Number(merge.merge_id));
  if (undoable.length === 0) throw error;
  const ids = undoable.map((id) => `#${id}`).join(', ');
  throw new AppError('CUSTOMER_MERGE_NOT_FOUND', `${error.message} #${number} is a customer: their merges not undone are ${ids}. Undo one with: ${clienteleCommand(`customers unmerge ${undoable[0]}`)}`,
    { ...error.details, customerId: number, customerMergeIds: undoable });
}

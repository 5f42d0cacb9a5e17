import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CanonicalRow, ImportEntity } from '../canonical.js';
import { lockCustomerMerges, lockOutCustomerMerges } from '../../customers/customers.service.js';
import { lockOutTypePolicyChanges } from '../../analytics/settings.repo.js';
import type { BatchOutcome, WriteContext } from './batch-context.js';
import { writeCustomers } from './write-customers.js';
import { writeEvents } from './write-events.js';
import { writeLines } from './write-lines.js';
import { writeOrders } from './write-orders.js';
import { writeProducts } from './write-products.js';

type Writer<E extends ImportEntity> = (db: Kysely<Database>, rows: CanonicalRow[E][], context: WriteContext, rejectedOrderKeys: readonly string[]) => Promise<BatchOutcome>;

const writers: { [E in ImportEntity]: Writer<E> } = {
  customers: writeCustomers,
  orders: writeOrders,
  lines: writeLines,
  products: writeProducts,
  events: writeEvents,
};

/**
 * Writes one batch of canonical rows of any entity; call inside a transaction.
 * `rejectedOrderKeys`: the orders the batch's rows rejected before writing
 * named (ParsedBatch), so that orders and lines files count them.
 */
export async function writeBatch<E extends ImportEntity>(
  db: Kysely<Database>, entity: E, rows: CanonicalRow[E][], context: WriteContext, rejectedOrderKeys: readonly string[] = [],
): Promise<BatchOutcome> {
  await lockAgainstMerges(db, entity);
  await lockOutPolicyChangesFor(db, entity);
  return (writers[entity] as Writer<E>)(db, rows, context, rejectedOrderKeys);
}

/**
 * A batch types the customers it changes by the latest analysis's policy (keep-derived-current.ts):
 * a policy change committing while it runs reclassified everyone but them, who kept the old policy's
 * types until the next analysis. Taken before the batch writes any customer, so a change waiting for
 * the batch never waits for rows the batch holds. Products belong to no customer.
 */
async function lockOutPolicyChangesFor(db: Kysely<Database>, entity: ImportEntity): Promise<void> {
  if (entity !== 'products') await lockOutTypePolicyChanges(db);
}

/**
 * Merges, their undos, deletions and rebuilds wait for the batch and it for them: a customers
 * batch may itself merge (the stubs a row joins) and rewrites profiles a merge combines, so it
 * takes the lock alone; the others share it with each other. Products belong to no customer.
 */
async function lockAgainstMerges(db: Kysely<Database>, entity: ImportEntity): Promise<void> {
  if (entity === 'products') return;
  if (entity === 'customers') await lockCustomerMerges(db);
  else await lockOutCustomerMerges(db);
}

export { amountFactor, emptyOutcome, type BatchOutcome, type WriteContext } from './batch-context.js';
export type { StubJoinRecord } from './join-stubs.js';
export { addOrderCounts, emptyOrderCounts, hasOrderCounts, type OrderCounts } from './order-counts.js';

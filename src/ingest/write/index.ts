import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CanonicalRow, ImportEntity } from '../canonical.js';
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
export function writeBatch<E extends ImportEntity>(
  db: Kysely<Database>, entity: E, rows: CanonicalRow[E][], context: WriteContext, rejectedOrderKeys: readonly string[] = [],
): Promise<BatchOutcome> {
  return (writers[entity] as Writer<E>)(db, rows, context, rejectedOrderKeys);
}

export { amountFactor, emptyOutcome, type BatchOutcome, type WriteContext } from './batch-context.js';
export type { StubJoinRecord } from './join-stubs.js';
export { addOrderCounts, emptyOrderCounts, hasOrderCounts, type OrderCounts } from './order-counts.js';

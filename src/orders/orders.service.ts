import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findOrderByExternalId, findOrderById, type OrderRow } from './orders.repo.js';
import { orderExternalIdNotFound, orderNotFound } from './orders.errors.js';

type Db = Kysely<Database>;

/** An order with its lines, or ORDER_NOT_FOUND. */
export async function getOrder(db: Db, orderId: number): Promise<OrderRow> {
  const order = await findOrderById(db, orderId);
  if (!order) throw orderNotFound(orderId);
  return order;
}

/** An order by its source and external id, or ORDER_NOT_FOUND naming both. */
export async function getOrderByExternalId(db: Db, source: string, externalId: string): Promise<OrderRow> {
  const order = await findOrderByExternalId(db, source, externalId);
  if (!order) throw orderExternalIdNotFound(source, externalId);
  return order;
}

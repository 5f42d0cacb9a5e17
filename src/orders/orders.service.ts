import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  findOrderByExternalId, findOrderById, findOrderSources, findOrdersByExternalIdInAnySource, type OrderIdMatch, type OrderRow,
} from './orders.repo.js';
import { orderEitherIdNotFound, orderExternalIdAmbiguous, orderExternalIdNotFound, orderNotFound } from './orders.errors.js';

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

/**
 * An order named by an id alone. `readAs`: the store's order id, or the one source that gave an
 * order this id; `sameIdInSources`: the other orders this id names (their source's id for them),
 * so that reading it as the store's id does not hide them.
 */
export type OrderByEitherId = { order: OrderRow; readAs: 'order_id' | OrderIdMatch; sameIdInSources: OrderIdMatch[] };

/**
 * An order by an id given without its source, as a shop owner types their shop's order number:
 * the store's order of that id when it is a number and there is one, else the order a source gave
 * that id, when exactly one source did. Several: ORDER_LOOKUP_AMBIGUOUS listing them, none guessed.
 */
export async function getOrderByEitherId(db: Db, id: string): Promise<OrderByEitherId> {
  const storeOrderId = /^[1-9]\d*$/.test(id) && Number.isSafeInteger(Number(id)) && Number(id) > 0 ? Number(id) : undefined;
  const storeOrder = storeOrderId === undefined ? undefined : await findOrderById(db, storeOrderId);
  const matches = await findOrdersByExternalIdInAnySource(db, id);
  if (storeOrder) {
    return { order: storeOrder, readAs: 'order_id', sameIdInSources: matches.filter((match) => match.order_id !== storeOrder.order_id) };
  }
  if (matches.length > 1) throw orderExternalIdAmbiguous(id, storeOrderId, matches);
  const [match] = matches;
  const order = match && await findOrderByExternalId(db, match.source, match.external_id);
  if (!match || !order) throw orderEitherIdNotFound(id, storeOrderId, await findOrderSources(db));
  return { order, readAs: match, sameIdInSources: [] };
}

import { AppError } from '../core/errors.js';
import type { OrderIdMatch } from './orders.repo.js';

/** No order has this id: it never existed, or its customer was deleted (which deletes their orders). */
export const orderNotFound = (orderId: number, field = 'orderId') => new AppError('ORDER_NOT_FOUND',
  `Order #${orderId} does not exist (or its customer was deleted). Use the id a customer's timeline gives its orders, or find the order by the id its source gave it: GET /api/orders/lookup?source=…&externalId=…, or clientele orders show source:id.`,
  { field });

/** No order has this id in this source: ids are matched exactly, in the source the import named. */
export const orderExternalIdNotFound = (source: string, externalId: string) => new AppError('ORDER_NOT_FOUND',
  `No order from source "${source}" has the id "${externalId}". Ids are matched exactly, letter case and spaces included, within the source the import named (by default "api" for the API, and the preset's name or "import" for a file); check both.`,
  { field: 'externalId', source, externalId });

/** `source:id` as one shell word to type: bare when nothing in it is special to a shell, else quoted. */
export function orderReferenceWord(source: string, externalId: string): string {
  const text = `${source}:${externalId}`;
  // a word a shell reads as it is; `#` only inside one (at its start it opens a comment)
  if (/^[\w.,:+@%/-][\w.,:+@%/#-]*$/.test(text)) return text;
  return /^[\w .,:+@%/#-]*$/.test(text) ? `"${text}"` : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * An id given alone named no order: neither the store's order of that id (when it is a number) nor
 * an order any source gave that id. Says both readings, and the source:id form with the store's sources.
 */
export const orderEitherIdNotFound = (id: string, storeOrderId: number | undefined, sources: string[]) => {
  const storeReading = storeOrderId === undefined
    ? `"${id}" is not an order id of the store (a whole number without leading zeros, as a customer's timeline lists it)`
    : `Order #${storeOrderId} does not exist (or its customer was deleted)`;
  const advice = sources.length === 0
    ? 'The store has no orders yet: import them first.'
    : `To name the source, give source:id, e.g. ${sources.slice(0, 3).map((source) => orderReferenceWord(source, id)).join(' or ')} (this store's orders came from ${sources.join(', ')}).`;
  return new AppError('ORDER_NOT_FOUND',
    `${storeReading}, and no source gave an order the id "${id}" (matched exactly, letter case and spaces included). ${advice}`,
    { field: 'order', value: id, sources });
};

/** An id given alone is not the store's but several sources gave an order that id: none is guessed. */
export const orderExternalIdAmbiguous = (id: string, storeOrderId: number | undefined, matches: OrderIdMatch[]) => {
  const listed = matches.map((match) => `${orderReferenceWord(match.source, match.external_id)} (store order #${match.order_id})`).join(', ');
  const readings = storeOrderId === undefined
    ? `Several sources gave an order the id "${id}"`
    : `The store has no order #${storeOrderId}, and several sources gave an order the id "${id}"`;
  return new AppError('ORDER_LOOKUP_AMBIGUOUS',
    `${readings}: ${listed}. Give the one meant as source:id, e.g. clientele orders show ${orderReferenceWord(matches[0]!.source, matches[0]!.external_id)}.`,
    { field: 'order', value: id, matches });
};

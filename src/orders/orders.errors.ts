import { AppError } from '../core/errors.js';

/** No order has this id: it never existed, or its customer was deleted (which deletes their orders). */
export const orderNotFound = (orderId: number, field = 'orderId') => new AppError('ORDER_NOT_FOUND',
  `Order #${orderId} does not exist (or its customer was deleted). Use the id a customer's timeline gives its orders, or find the order by the id its source gave it: GET /api/orders/lookup?source=…&externalId=…, or clientele orders show source:id.`,
  { field });

/** No order has this id in this source: ids are matched exactly, in the source the import named. */
export const orderExternalIdNotFound = (source: string, externalId: string) => new AppError('ORDER_NOT_FOUND',
  `No order from source "${source}" has the id "${externalId}". Ids are matched exactly, letter case and spaces included, within the source the import named (by default "api" for the API, and the preset's name or "import" for a file); check both.`,
  { field: 'externalId', source, externalId });

export { getOrder, getOrderByEitherId, getOrderByExternalId, type OrderByEitherId } from './orders.service.js';
export type { OrderIdMatch, OrderLineRow, OrderRow } from './orders.repo.js';
export { orderReferenceWord } from './orders.errors.js';
export { registerOrderRoutes } from './orders.routes.js';
export { reapplyCredits, storeHasCreditNotes } from './order-credits.repo.js';

export { getOrder, getOrderByExternalId } from './orders.service.js';
export type { OrderLineRow, OrderRow } from './orders.repo.js';
export { registerOrderRoutes } from './orders.routes.js';

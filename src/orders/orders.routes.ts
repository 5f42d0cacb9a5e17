import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../server/app.js';
import { errorResponse } from '../server/responses.js';
import { getOrder, getOrderByExternalId } from './orders.service.js';
import { orderIdParams, orderLookupQuery, orderSchema } from './orders.schemas.js';

const tags = ['orders'];
// reading an order reads what a customer bought: the permission their profile and timeline need
const access = { permission: 'customers:read' } as const;

export async function registerOrderRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/orders/lookup', {
    config: { access },
    schema: {
      tags, summary: 'Find an order by its source and its id there', querystring: orderLookupQuery,
      description: 'The id is matched exactly within the source, as imports match it. Amounts are in minor units: `total_minor` of the order\'s `currency`, the others of the store currency.',
      response: { 200: orderSchema, 404: errorResponse('No order from this source has this id (ORDER_NOT_FOUND)') },
    },
  }, async (request) => getOrderByExternalId(db, request.query.source, request.query.externalId));

  api.get('/orders/:orderId', {
    config: { access },
    schema: {
      tags, summary: 'An order with its lines', params: orderIdParams,
      description: 'Amounts are in minor units: `total_minor` of the order\'s `currency`, the others of the store currency.',
      response: { 200: orderSchema, 404: errorResponse('No such order, or its customer was deleted (ORDER_NOT_FOUND)') },
    },
  }, async (request) => getOrder(db, request.params.orderId));
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { objectOf } from '../server/responses.js';
import { listCategories, type CategorySummary } from './categories.repo.js';

const tags = ['catalog'];

const categoriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many categories, those with the most customers'),
});
const categorySchema = objectOf<CategorySummary>()({
  category: z.string().describe('As the order lines name it; spellings differing only in case are one category, as segment filters compare them'),
  customers: z.number().int().describe('Customers with at least one paid (or partly refunded) order line in the category'),
  revenueMinor: z.number().describe("The category's lines on those orders, quantity times unit price before refunds and order discounts, in minor units of the store currency"),
});
const categoryListSchema = z.object({ items: z.array(categorySchema) });

export async function registerCategoryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/categories', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Product categories customers bought, most customers first (what a purchase condition can name)',
      querystring: categoriesQuerySchema, response: { 200: categoryListSchema },
    },
  }, async (request) => ({ items: await listCategories(deps.store.db, request.query.limit) }));
}

import { z } from 'zod';
import { objectOf, timestamp } from '../server/responses.js';
import type { OrderLineRow, OrderRow } from './orders.repo.js';

/** What the order routes answer, following orders.repo.ts; a field missing here would be left out of the answer. */
const storeMinor = (what: string) => z.number().int().describe(`${what}, in minor units of the store currency (as a customer's revenue_minor and the timeline's amountMinor)`);

export const orderIdParams = z.object({ orderId: z.coerce.number().int().positive().describe('The order id the store gave it: `order_id` here, `id` of an order on the timeline') });

export const orderLookupQuery = z.object({
  source: z.string().min(1).max(200).describe('The source the order was imported under: by default "api" for POST /api/ingest, and the preset\'s name or "import" for a file'),
  externalId: z.string().min(1).max(1000).describe('The order\'s id in that source, exactly as imported'),
});

const orderLineSchema = objectOf<OrderLineRow>()({
  line_no: z.number().int().describe('1-based position in the order'),
  sku: z.string().nullable(),
  product_name: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number(),
  unit_price_minor: storeMinor('Unit price'),
});

export const orderSchema = objectOf<OrderRow>()({
  order_id: z.number().int(),
  customer_id: z.number().int().describe('The buyer: the customer the order belongs to now (after a merge, the kept customer)'),
  source: z.string(),
  external_id: z.string().describe('The order\'s id in its source'),
  ordered_at: timestamp,
  is_date_only: z.boolean().describe('true when the order was imported as a day without a time: ordered_at is then midnight of that day in the store\'s time zone, and its time of day is not known'),
  status: z.enum(['paid', 'refunded', 'partially_refunded', 'cancelled', 'credit_note'])
    .describe('credit_note: money given back for an earlier purchase of the same customer without naming it; never a purchase itself, its amount is applied to the customer\'s earlier sales'),
  channel: z.enum(['store', 'web', 'mobile', 'marketplace', 'phone', 'other']),
  currency: z.string().describe('The currency the order was written in (ISO 4217)'),
  total_minor: z.number().int().describe('The total as written, in minor units of `currency`'),
  amount_minor: storeMinor('What the order counts for in reports (converted from `currency` on import)'),
  refunded_minor: storeMinor('Refunded'),
  credited_minor: storeMinor('Of refunded_minor, what credit notes of the same customer gave back'),
  discount_minor: storeMinor('Discount'),
  promotion_code: z.string().nullable(),
  location: z.string().nullable(),
  recipient_customer_id: z.number().int().nullable().describe('Who received it, when it was a gift'),
  created_at: timestamp,
  updated_at: timestamp,
  lines: z.array(orderLineSchema).describe('In line order; empty when the order came without lines'),
});

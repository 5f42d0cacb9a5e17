import type { ImportEntity } from './canonical.js';
import { canonicalFields } from './rows/fields.js';

// What the OpenAPI document says of a record of POST /api/ingest/{entity}, for generated clients.
// Documentation only: the route still validates a record as an object of any keys, and the row
// parser judges it (a missing field, a misspelled one reported in ignoredFields, a value it cannot
// read rejected with its reason), so no client is refused a record the server accepts.

/** A value as the row parser reads it from JSON: text, a number or true/false (read as their text), or null for empty. */
const value = (description: string) => ({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true, description });

const money = 'in the currency\'s major units as written ("12.50", or 12.5), not minor units. A string whose only dot or comma is followed by exactly three digits ("12.345", "1.000", "12,500") is ambiguous (thousands or decimals?) in a currency without three decimals and the record is rejected AMOUNT_AMBIGUOUS: send a JSON number (12.5), or a string with the currency\'s decimals ("12.35") or without a thousands separator ("12345"). A batch that sends `lines` (a file\'s rows) reads it as a file does: a thousands separator';
const customerRef = {
  customer_id: 'the customer\'s id in the batch\'s source system (looked up among the ids sent with the same source only)',
  customer_email: 'the customer\'s email address',
  customer_phone: 'the customer\'s phone number (local numbers read in the store\'s country)',
};

/** Each canonical field's meaning, per entity; every field the row parser reads has one (record-schemas.test.ts). */
const fieldDescriptions: { [E in ImportEntity]: Record<string, string> } = {
  customers: {
    customer_id: 'the customer\'s id in the batch\'s source system; one of customer_id, email, phone or an external_id.<system> is needed',
    name: 'the whole name; wins over first_name and last_name', first_name: 'first name, joined with last_name', last_name: 'last name (surname)',
    email: 'email address (an identity: a later order by this address finds the customer)', phone: 'phone number (an identity too)',
    birth_year: 'year of birth, e.g. 1987', gender: 'gender as the source writes it', city: 'city', region: 'region or province',
    country: 'country: ISO 3166 code or name', income_band: 'income band as the source writes it',
    kind: 'person or organization (or a common word for either)', consent_email: 'may be emailed: true/false, yes/no…',
    consent_sms: 'may be sent text messages: true/false, yes/no…',
    consent_whatsapp: 'may be messaged on WhatsApp: true/false, yes/no…', consent_profiling: 'may be profiled: true/false, yes/no…',
    created_at: 'when the customer was created in the source: ISO 8601, or as dateFormat says',
  },
  orders: {
    order_id: 'the order\'s id in the batch\'s source system', ...customerRef,
    customer_name: 'the buyer\'s whole name, given to a customer first known from this order',
    customer_first_name: 'the buyer\'s first name, joined with customer_last_name', customer_last_name: 'the buyer\'s last name',
    customer_city: 'the city the buyer lives in (their billing address, not a gift\'s), given to a customer known only from orders where they have none',
    customer_region: 'the buyer\'s region or province, as customer_city', customer_country: 'the buyer\'s country: ISO 3166 code or name (one not recognised is left out), as customer_city',
    ordered_at: 'when the order was placed: ISO 8601, or as dateFormat says',
    amount: `the order's total, ${money} (required unless the record is an order line with unit_price)`,
    currency: 'ISO 4217 code; default the store currency', channel: 'store, web, mobile, marketplace, phone or other (or a common word for one)',
    status: 'paid, refunded, partially_refunded, cancelled or credit_note (or a common word for one); default paid',
    refunded_amount: `amount refunded, ${money}`, discount_amount: `discount given, ${money}`, promotion_code: 'promotion or coupon code',
    recipient_id: 'a gift\'s recipient: their id in the source system', recipient_email: 'a gift\'s recipient: their email address',
    recipient_phone: 'a gift\'s recipient: their phone number', location: 'the store or place of sale',
    sku: 'an order line\'s product SKU (read when records have unit_price)', product_name: 'an order line\'s product name',
    category: 'an order line\'s product category', quantity: 'an order line\'s quantity (empty means 1)',
    returned_quantity: 'how many of an order line\'s items its refund took back, when its record says refunded: the refund is that many times unit_price (at most quantity), not the whole line; not stored itself',
    unit_price: `an order line's unit price, ${money}; with it in any record of a batch, every record of the batch is an order line (one per line item, an order's lines in one batch) and needs it: send whole orders in a batch of their own`,
    line_no: 'an order line\'s number within its order',
  },
  lines: {
    order_id: 'the id of the order (already stored) the line belongs to', line_no: 'the line\'s number within its order',
    sku: 'product SKU', product_name: 'product name', category: 'product category', quantity: 'quantity (empty means 1)',
    unit_price: `unit price, ${money}`, currency: 'ISO 4217 code; default the store currency',
  },
  products: {
    sku: 'the product\'s SKU', name: 'product name', category: 'product category',
    unit_price: `list price, ${money}`, currency: 'ISO 4217 code; default the store currency',
  },
  events: {
    event_id: 'the event\'s id in the batch\'s source system (a repeat is recognised, a changed one refused)', ...customerRef,
    kind: 'signup, inquiry, cart, visit, newsletter or other (or a common word for one)',
    channel: 'where it happened: free text', occurred_at: 'when it happened: ISO 8601, or as dateFormat says', detail: 'free text',
  },
};

/** What else a record needs beside its own fields; a record lacking one is rejected alone, naming the field (rows/fields.ts, recordBatchHeaders). */
const needs: Record<ImportEntity, string> = {
  customers: 'one of customer_id, email, phone or external_id.<system>. Also read: external_id.<system> (the customer\'s id in another system) and attribute.<name> (any other fact, kept as given)',
  orders: 'order_id, ordered_at, one of customer_id, customer_email or customer_phone, and amount (or unit_price for order lines)',
  lines: 'order_id and unit_price',
  products: 'sku',
  events: 'kind, occurred_at and one of customer_id, customer_email or customer_phone',
};

/** The fields every record of the entity needs alone; the others needed are one of several (`needs`). */
const requiredFields: Record<ImportEntity, string[]> = { customers: [], orders: ['order_id', 'ordered_at'], lines: ['order_id', 'unit_price'], products: ['sku'], events: ['kind', 'occurred_at'] };

/** One record schema per entity, by canonical field. */
function recordSchemaOf(entity: ImportEntity) {
  const descriptions = fieldDescriptions[entity];
  const required = requiredFields[entity];
  return {
    title: `${entity} record`,
    description: `A record of POST /api/ingest/${entity}. Needs ${needs[entity]}; a record without them is rejected alone (its reject names the field), the batch's other records landing. A field no ${entity} field is named like is not stored and is listed in the answer's ignoredFields.`,
    type: 'object',
    properties: Object.fromEntries(canonicalFields[entity].map((field) => [field, value(descriptions[field])])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: true,
  };
}

const entities = Object.keys(fieldDescriptions) as ImportEntity[];

/** The OpenAPI description of a record: one of the entities' record schemas, the one the path's entity names. */
export const ingestRecordDocumentation = {
  description: 'A record by canonical field name: the schema of the path\'s entity (customers record, orders record…). Values are text, numbers or true/false; null or "" is empty.',
  anyOf: entities.map(recordSchemaOf),
};

/** The canonical fields a record schema describes, per entity (for its test). */
export const describedFields = (entity: ImportEntity): string[] => Object.keys(fieldDescriptions[entity]);

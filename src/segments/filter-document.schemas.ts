import { z } from 'zod';
import { fieldNames } from './filter-fields.js';
import { comparisonOperators, countOperators, purchaseMeasures } from './filter-types.js';

/**
 * The filter language (filter-types.ts) as the OpenAPI document shows it, for generated clients.
 * It documents only: requests are still checked by parseFilter (filter-schema.ts), whose problems
 * name their path and say what to write, which zod's union errors over this shape would not.
 * Limits are those of filter-schema.ts.
 */
const text = z.string().min(1).max(200);
const textOrList = z.union([text, z.array(text).min(1).max(1000)]).describe('A text or a list of texts (any of them); a saved filter answers a list');
const relativeDate = z.union([
  z.strictObject({ days_ago: z.number().int().min(0).max(36_500) }).describe('A day before the as-of day: {"days_ago": 90}'),
  z.strictObject({ days_ahead: z.number().int().min(0).max(36_500) }).describe('A day after the as-of day, for predicted days: {"days_ahead": 7}'),
]).describe('A day relative to the as-of day, which moves on with it: {"days_ago": 90} or {"days_ahead": 7}');
const dateValue = z.union([z.string().describe('An ISO day ("2026-01-31") or instant'), relativeDate]);
const scalar = z.union([z.number(), z.string().max(200), z.boolean(), relativeDate]);
const count = z.number().int().min(0);
const countTest = z.strictObject({
  op: z.enum(countOperators),
  value: z.union([count, z.array(count).min(2).max(2)]).describe('A whole number ≥ 0, or [low, high] with "between"'),
}).describe('How many (or, with measure, how much) to match');
const timeWindow = z.union([
  z.strictObject({ days: z.number().int().min(1).max(36_500) }).describe('The last N days up to the as-of time'),
  z.strictObject({ from: dateValue, to: dateValue.optional() }).describe('From (inclusive) to (exclusive; open without it)'),
]);

const comparison = z.strictObject({
  field: z.string().max(100).describe(`A field of GET /api/segments/fields: ${fieldNames.join(', ')}`),
  op: z.enum(comparisonOperators).describe('Which operators a field takes depends on its type (GET /api/segments/fields lists them)'),
  value: z.union([scalar, z.array(scalar).max(1000)]).optional()
    .describe('A value of the field\'s type; a list with in and nin, [low, high] with between; true, false or nothing with is_null. Money fields (*_minor) are in minor units of the store currency'),
}).describe('Compare a field of the customer: {"field": "city", "op": "eq", "value": "Jakarta"}');

const purchased = z.strictObject({
  purchased: z.strictObject({
    category: textOrList.optional(), sku: textOrList.optional(), product_contains: text.optional(), channel: textOrList.optional(),
    within: timeWindow.optional(), count: countTest.optional(),
    measure: z.enum(purchaseMeasures).optional().describe('What count counts: orders (the default), quantity, or amount_minor (minor units of the store currency)'),
  }),
}).describe('Customers with purchases matching all given parts');

const interest = z.strictObject({
  interest: z.strictObject({ kind: textOrList.optional(), channel: textOrList.optional(), within: timeWindow.optional(), count: countTest.optional() }),
}).describe('Customers with interest events matching all given parts');

/** One node of a filter; and/or/not nest nodes (at most 12 levels, 100 in one list, 300 in all). */
export const segmentFilterDocument: z.ZodType = z.union([
  z.strictObject({ get and(): z.ZodArray<z.ZodType> { return z.array(segmentFilterDocument).max(100); } }).describe('All of the conditions; {"and": []} matches everyone'),
  z.strictObject({ get or(): z.ZodArray<z.ZodType> { return z.array(segmentFilterDocument).max(100); } }).describe('Any of the conditions'),
  z.strictObject({ get not(): z.ZodType { return segmentFilterDocument; } }).describe('Not the condition'),
  comparison,
  purchased,
  interest,
]).meta({ id: 'SegmentFilter', description: 'A filter in the segment filter language (docs/segments.md): a comparison, a purchased or interest condition, or and/or/not over filters' });

const readMore = 'A bad filter is answered 400 SEGMENT_FILTER_INVALID with every problem, its path and what to write in `error.details.problems`';

/** A request's filter: documented as SegmentFilter, checked by parseFilter in the service. */
export const filterInputDocumented = z.unknown().meta({ description: `A filter in the segment filter language (docs/segments.md). ${readMore}`, allOf: [{ $ref: '#/components/schemas/SegmentFilterInput' }] });

/** A saved segment's filter, normalised: texts given alone are answered as lists. */
export const filterOutputDocumented = z.unknown().meta({ description: 'The filter, normalised (docs/segments.md)', allOf: [{ $ref: '#/components/schemas/SegmentFilter' }] });

import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../core/errors.js';
import { filterFields, sourceOrigins, type FieldSource, type FieldType } from './filter-fields.js';
import type { Comparison, CountTest, DateValue, FilterNode, InterestCondition, PurchasedCondition, ScalarValue, TimeWindow } from './filter-types.js';
import { segmentErrorCodes } from './segments.errors.js';

/** Which optional tables and columns this store has (see filter-catalog.ts). */
export type FilterCatalog = { columns: ReadonlySet<string> };

export type CompiledFilter = {
  /** A boolean expression over the aliases of filter-fields.ts; unknown counts as no match, and `not` is an exact complement. */
  predicate: RawBuilder<boolean>;
  /** Sources to join; the customer table is always there. */
  sources: Set<FieldSource>;
};

type Context = { asOf: Date; catalog: FilterCatalog; sources: Set<FieldSource> };

const dayMs = 86_400_000;
// Only purchases count: cancelled and fully refunded orders are not purchases (as in customer_trait).
const purchaseStatuses = sql`('paid', 'partially_refunded')`;

function resolveDate(value: DateValue, asOf: Date): Date {
  return typeof value === 'string' ? new Date(value) : new Date(asOf.getTime() - value.days_ago * dayMs);
}

/** Literal values always travel as bind parameters with an explicit type. */
function parameter(type: FieldType, value: ScalarValue, asOf: Date): RawBuilder<unknown> {
  switch (type) {
    case 'number': return sql`${value}::numeric`;
    case 'date': return sql`${resolveDate(value as DateValue, asOf)}::timestamptz`;
    case 'boolean': return sql`${value}::boolean`;
    default: return sql`${value}::text`;
  }
}

function arrayParameter(type: FieldType, values: ScalarValue[], asOf: Date): RawBuilder<unknown> {
  if (type === 'number') return sql`${values}::numeric[]`;
  if (type === 'date') return sql`${values.map((value) => resolveDate(value as DateValue, asOf).toISOString())}::timestamptz[]`;
  if (type === 'boolean') return sql`${values}::boolean[]`;
  return sql`${values}::text[]`;
}

/** A LIKE pattern matching the text literally: %, _ and \ in input are not wildcards. */
export function likePattern(text: string, mode: 'contains' | 'starts_with'): string {
  const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
  return mode === 'contains' ? `%${escaped}%` : `${escaped}%`;
}

function requireSource(field: string, context: Context): void {
  const definition = filterFields[field];
  for (const required of definition.requires) {
    if (!context.catalog.columns.has(required)) {
      throw new AppError(segmentErrorCodes.sourceMissing, `The condition on "${field}" needs ${required.replace('.', ' column ')}, which this store does not have yet (${sourceOrigins[definition.source]}).`, { field, hint: sourceOrigins[definition.source] });
    }
  }
  context.sources.add(definition.source);
}

function compileComparison(node: Comparison, context: Context): RawBuilder<boolean> {
  requireSource(node.field, context);
  const { type, expression: build } = filterFields[node.field];
  const expression = build({ asOf: context.asOf });
  const value = node.value;
  const one = () => parameter(type, value as ScalarValue, context.asOf);
  const list = () => arrayParameter(type, value as ScalarValue[], context.asOf);
  if (type === 'text_list') {
    switch (node.op) {
      case 'contains': return sql`(${value}::text = any(${expression}))`;
      case 'in': return sql`(${expression} && ${list()})`;
      case 'nin': return sql`not coalesce(${expression} && ${list()}, false)`;
      case 'is_null': return value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
      default: throw new Error(`operator ${node.op} reached the compiler for a list field`);
    }
  }
  switch (node.op) {
    case 'eq': return sql`(${expression} = ${one()})`;
    // "not Jakarta" includes customers whose city is unknown: the complement of eq.
    case 'neq': return sql`(${expression} is distinct from ${one()})`;
    case 'in': return sql`(${expression} = any(${list()}))`;
    case 'nin': return sql`not coalesce(${expression} = any(${list()}), false)`;
    case 'gt': return sql`(${expression} > ${one()})`;
    case 'gte': return sql`(${expression} >= ${one()})`;
    case 'lt': return sql`(${expression} < ${one()})`;
    case 'lte': return sql`(${expression} <= ${one()})`;
    case 'between': {
      const [low, high] = value as [ScalarValue, ScalarValue];
      return sql`(${expression} between ${parameter(type, low, context.asOf)} and ${parameter(type, high, context.asOf)})`;
    }
    case 'contains': return sql`(${expression} ilike ${likePattern(String(value), 'contains')}::text)`;
    case 'starts_with': return sql`(${expression} ilike ${likePattern(String(value), 'starts_with')}::text)`;
    case 'is_null': return value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
  }
}

function compileCount(measure: RawBuilder<unknown>, test: CountTest): RawBuilder<boolean> {
  const value = test.value;
  switch (test.op) {
    case 'eq': return sql`(${measure} = ${value}::numeric)`;
    case 'neq': return sql`(${measure} <> ${value}::numeric)`;
    case 'gt': return sql`(${measure} > ${value}::numeric)`;
    case 'gte': return sql`(${measure} >= ${value}::numeric)`;
    case 'lt': return sql`(${measure} < ${value}::numeric)`;
    case 'lte': return sql`(${measure} <= ${value}::numeric)`;
    case 'between': {
      const [low, high] = value as [number, number];
      return sql`(${measure} between ${low}::numeric and ${high}::numeric)`;
    }
  }
}

function windowCondition(column: RawBuilder<unknown>, window: TimeWindow | undefined, asOf: Date): RawBuilder<unknown> {
  if (!window) return sql``;
  if ('days' in window) return sql`and ${column} >= ${new Date(asOf.getTime() - window.days * dayMs)}::timestamptz and ${column} <= ${asOf}::timestamptz`;
  const from = sql`and ${column} >= ${resolveDate(window.from, asOf)}::timestamptz`;
  return window.to === undefined ? from : sql`${from} and ${column} < ${resolveDate(window.to, asOf)}::timestamptz`;
}

const lowered = (values: string[]) => values.map((value) => value.toLowerCase());
// "at least once" is the common case: no counting needed.
const isAtLeastOnce = (test: CountTest) => (test.op === 'gte' && test.value === 1) || (test.op === 'gt' && test.value === 0);

/** Whether a customer with nothing in the window passes the test ("bought coffee fewer than 2 times"). */
function zeroPasses(test: CountTest): boolean {
  const value = test.value;
  switch (test.op) {
    case 'eq': return value === 0;
    case 'neq': return value !== 0;
    case 'gt': return false;
    case 'gte': return (value as number) <= 0;
    case 'lt': return (value as number) > 0;
    case 'lte': return true;
    case 'between': return (value as [number, number])[0] <= 0;
  }
}

/**
 * A per-customer measure over rows of one customer. When having nothing fails
 * the test, the matching customers are one set-based subquery (a hashed semi-
 * join over the window); otherwise the measure must be evaluated per customer,
 * counting customers with no rows as 0.
 */
function measureCondition(from: RawBuilder<unknown>, where: RawBuilder<unknown>, customer: RawBuilder<unknown>, aggregate: RawBuilder<unknown> | null, test: CountTest): RawBuilder<boolean> {
  if (aggregate === null) return sql`c.customer_id in (select ${customer} from ${from} where ${where})`;
  if (!zeroPasses(test)) return sql`c.customer_id in (select ${customer} from ${from} where ${where} group by ${customer} having ${compileCount(aggregate, test)})`;
  return compileCount(sql`(select ${aggregate} from ${from} where ${customer} = c.customer_id and ${where})`, test);
}

function compilePurchased({ purchased }: PurchasedCondition, context: Context): RawBuilder<boolean> {
  const test = purchased.count ?? { op: 'gte', value: 1 };
  const measure = purchased.measure ?? 'orders';
  const needsLines = purchased.category !== undefined || purchased.sku !== undefined || purchased.product_contains !== undefined || measure === 'quantity';
  const from = needsLines ? sql`customer_order o join order_line l on l.customer_id = o.customer_id and l.order_id = o.order_id` : sql`customer_order o`;
  const where = sql`o.status in ${purchaseStatuses}
    ${purchased.channel ? sql`and o.channel = any(${lowered(purchased.channel)}::text[])` : sql``}
    ${purchased.category ? sql`and lower(l.category) = any(${lowered(purchased.category)}::text[])` : sql``}
    ${purchased.sku ? sql`and l.sku = any(${purchased.sku}::text[])` : sql``}
    ${purchased.product_contains ? sql`and l.product_name ilike ${likePattern(purchased.product_contains, 'contains')}::text` : sql``}
    ${windowCondition(sql.ref('o.ordered_at'), purchased.within, context.asOf)}`;
  const aggregate = measure === 'orders' ? (isAtLeastOnce(test) ? null : sql`count(distinct o.order_id)`)
    : measure === 'quantity' ? sql`coalesce(sum(l.quantity), 0)`
      : needsLines ? sql`coalesce(sum(l.quantity * l.unit_price_minor), 0)` : sql`coalesce(sum(o.amount_minor), 0)`;
  return measureCondition(from, where, sql.ref('o.customer_id'), aggregate, test);
}

function compileInterest({ interest }: InterestCondition, context: Context): RawBuilder<boolean> {
  const test = interest.count ?? { op: 'gte', value: 1 };
  const where = sql`true
    ${interest.kind ? sql`and i.kind = any(${lowered(interest.kind)}::text[])` : sql``}
    ${interest.channel ? sql`and lower(i.channel) = any(${lowered(interest.channel)}::text[])` : sql``}
    ${windowCondition(sql.ref('i.occurred_at'), interest.within, context.asOf)}`;
  return measureCondition(sql`interest_event i`, where, sql.ref('i.customer_id'), isAtLeastOnce(test) ? null : sql`count(*)`, test);
}

function compileNode(node: FilterNode, context: Context): RawBuilder<boolean> {
  if ('and' in node) return node.and.length === 0 ? sql`true` : sql`(${sql.join(node.and.map((child) => compileNode(child, context)), sql` and `)})`;
  if ('or' in node) return node.or.length === 0 ? sql`false` : sql`(${sql.join(node.or.map((child) => compileNode(child, context)), sql` or `)})`;
  // Leaves may be unknown (null) when a value is missing. Kleene logic keeps a
  // true or false result of and/or whatever the unknowns are, so settling
  // unknown as false once, under each not, equals settling it at every leaf —
  // and leaves stay plain comparisons the planner can use indexes for.
  if ('not' in node) return sql`(not coalesce(${compileNode(node.not, context)}, false))`;
  if ('purchased' in node) return compilePurchased(node, context);
  if ('interest' in node) return compileInterest(node, context);
  return compileComparison(node, context);
}

/**
 * Compiles a parsed filter to a parameterised boolean expression. Field names
 * are keys into the whitelist and every value is a bind parameter, so no part
 * of the input becomes SQL text. `asOf` anchors relative dates and ages.
 */
export function compileFilter(filter: FilterNode, options: { asOf: Date; catalog: FilterCatalog }): CompiledFilter {
  const context: Context = { asOf: options.asOf, catalog: options.catalog, sources: new Set(['customer']) };
  return { predicate: compileNode(filter, context), sources: context.sources };
}

const joins: Record<Exclude<FieldSource, 'customer'>, RawBuilder<unknown>> = {
  trait: sql`left join customer_trait t on t.customer_id = c.customer_id`,
  type: sql`left join customer_type ct on ct.customer_id = c.customer_id`,
  rfm: sql`left join customer_rfm r on r.customer_id = c.customer_id`,
  prediction: sql`left join customer_prediction p on p.customer_id = c.customer_id`,
};

/** `from customer c` with the joins a compiled filter needs. */
export function filterFrom(compiled: CompiledFilter): RawBuilder<unknown> {
  const needed = (Object.keys(joins) as Array<keyof typeof joins>).filter((source) => compiled.sources.has(source));
  return sql`customer c ${sql.join(needed.map((source) => joins[source]), sql` `)}`;
}

/** Merged-away records are never members: their facts moved to the kept customer. */
export function matchingCustomers(compiled: CompiledFilter, onlyCustomerIds: number[] | null = null): RawBuilder<{ customer_id: number }> {
  const only = onlyCustomerIds === null ? sql`` : sql`and c.customer_id = any(${onlyCustomerIds}::bigint[])`;
  return sql<{ customer_id: number }>`select c.customer_id from ${filterFrom(compiled)} where c.merged_into_customer_id is null ${only} and ${compiled.predicate}`;
}

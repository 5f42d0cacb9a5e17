import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../core/errors.js';
import { compileComparison } from './compile-comparison.js';
import { compileInterest, compilePurchased } from './compile-purchases.js';
import { rewriteComparison } from './field-rewrites.js';
import { storeCalendarOf, type StoreCalendar } from './filter-days.js';
import { filterFields, sourceOrigins, type FieldSource } from './filter-fields.js';
import type { Comparison, FilterNode } from './filter-types.js';
import { segmentErrorCodes } from './segments.errors.js';

/**
 * What a filter's meaning depends on in this store (see filter-catalog.ts): which optional tables
 * and columns it has, and its time zone, whose calendar days the filter's dates are.
 */
export type FilterCatalog = {
  columns: ReadonlySet<string>; timeZone: string;
  /** Sources whose tables exist but hold no data yet (no analysis or prediction run); not checked when absent. */
  emptySources?: ReadonlySet<FieldSource>;
  /** Values the store lists for a field (persona names), when loaded to check a new filter; absent: not checked. */
  storeLists?: Readonly<Record<string, readonly string[]>>;
};

/** Whether the store has the field's data: its columns, and rows in them (see filter-catalog.ts). */
export function isFieldAvailable(field: string, catalog: FilterCatalog): boolean {
  const definition = filterFields[field];
  return definition.requires.every((required) => catalog.columns.has(required)) && !(catalog.emptySources?.has(definition.source) ?? false);
}

export type CompiledFilter = {
  /** A boolean expression over the aliases of filter-fields.ts; unknown counts as no match, and `not` is an exact complement. */
  predicate: RawBuilder<boolean>;
  /** Sources to join; the customer table is always there. */
  sources: Set<FieldSource>;
};

type Context = { calendar: StoreCalendar; catalog: FilterCatalog; sources: Set<FieldSource>; perCustomer: boolean };

const sourceNames: Record<FieldSource, string> = {
  customer: 'customers', trait: 'purchase facts', type: 'customer types', rfm: 'RFM scores', prediction: 'customer-value predictions', persona: 'buyer personas',
};

function requireSource(field: string, context: Context): void {
  const definition = filterFields[field];
  for (const required of definition.requires) {
    if (!context.catalog.columns.has(required)) {
      throw new AppError(segmentErrorCodes.sourceMissing, `The condition on "${field}" needs ${required.replace('.', ' column ')}, which this store does not have yet (${sourceOrigins[definition.source]}).`, { field, source: definition.source, hint: sourceOrigins[definition.source] });
    }
  }
  if (context.catalog.emptySources?.has(definition.source)) {
    // the personas' own code, as every persona operation answers before a discovery
    if (definition.source === 'persona') {
      throw new AppError(segmentErrorCodes.personasMissing, `The condition on "${field}" needs buyer personas, and none have been discovered yet: run \`clientele personas discover\` first; until then it would match no one.`, { field, source: definition.source, hint: sourceOrigins.persona });
    }
    throw new AppError(segmentErrorCodes.sourceMissing, `The condition on "${field}" needs ${sourceNames[definition.source]}, which this store has none of yet (${sourceOrigins[definition.source]}); until then it would match no one.`, { field, source: definition.source, hint: sourceOrigins[definition.source] });
  }
  context.sources.add(definition.source);
}

function compileLeaf(node: Comparison, context: Context): RawBuilder<boolean> {
  requireSource(node.field, context);
  const rewritten = rewriteComparison(node, context.calendar);
  return rewritten === node ? compileComparison(node, context.calendar) : compileNode(rewritten, context);
}

function compileNode(node: FilterNode, context: Context): RawBuilder<boolean> {
  if ('and' in node) return node.and.length === 0 ? sql`true` : sql`(${sql.join(node.and.map((child) => compileNode(child, context)), sql` and `)})`;
  if ('or' in node) return node.or.length === 0 ? sql`false` : sql`(${sql.join(node.or.map((child) => compileNode(child, context)), sql` or `)})`;
  // Leaves may be unknown (null) when a value is missing. Kleene logic keeps a
  // true or false result of and/or whatever the unknowns are, so settling
  // unknown as false once, under each not, equals settling it at every leaf —
  // and leaves stay plain comparisons the planner can use indexes for.
  if ('not' in node) return sql`(not coalesce(${compileNode(node.not, context)}, false))`;
  if ('purchased' in node) return compilePurchased(node, context.calendar, context.perCustomer);
  if ('interest' in node) return compileInterest(node, context.calendar, context.perCustomer);
  return compileLeaf(node, context);
}

/**
 * Compiles a parsed filter to a parameterised boolean expression. Field names
 * are keys into the whitelist and every value is a bind parameter, so no part
 * of the input becomes SQL text. `asOf` anchors relative dates and ages, on the
 * calendar of the catalog's time zone.
 * `perCustomer` compiles purchase and interest conditions as correlated
 * subqueries (for a sample of customers; see compile-purchases.ts).
 */
export function compileFilter(filter: FilterNode, options: { asOf: Date; catalog: FilterCatalog; perCustomer?: boolean }): CompiledFilter {
  const calendar = storeCalendarOf(options.asOf, options.catalog.timeZone);
  const context: Context = { calendar, catalog: options.catalog, sources: new Set(['customer']), perCustomer: options.perCustomer ?? false };
  return { predicate: compileNode(filter, context), sources: context.sources };
}

const joins: Record<Exclude<FieldSource, 'customer'>, RawBuilder<unknown>> = {
  trait: sql`left join customer_trait t on t.customer_id = c.customer_id`,
  type: sql`left join customer_type ct on ct.customer_id = c.customer_id`,
  rfm: sql`left join customer_rfm r on r.customer_id = c.customer_id`,
  prediction: sql`left join customer_prediction p on p.customer_id = c.customer_id`,
  // one row per customer at most (customer_persona's key), so members are never repeated
  persona: sql`left join customer_persona cpa on cpa.customer_id = c.customer_id left join persona pn on pn.persona_id = cpa.persona_id`,
};

/** `from customer c` with the joins a compiled filter needs; `sample` is a TABLESAMPLE clause for the customer table. */
export function filterFrom(compiled: CompiledFilter, sample: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  const needed = (Object.keys(joins) as Array<keyof typeof joins>).filter((source) => compiled.sources.has(source));
  return sql`customer c ${sample} ${sql.join(needed.map((source) => joins[source]), sql` `)}`;
}

/** Merged-away records are never members: their facts moved to the kept customer. */
export function matchingCustomers(compiled: CompiledFilter, onlyCustomerIds: number[] | null = null): RawBuilder<{ customer_id: number }> {
  const only = onlyCustomerIds === null ? sql`` : sql`and c.customer_id = any(${onlyCustomerIds}::bigint[])`;
  return sql<{ customer_id: number }>`select c.customer_id from ${filterFrom(compiled)} where c.merged_into_customer_id is null ${only} and ${compiled.predicate}`;
}

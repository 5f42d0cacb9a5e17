import { sql, type RawBuilder } from 'kysely';
import { likePattern } from '../core/like-pattern.js';
import { foldAccents } from '../customers/name-search.js';
import { dayOf, endOfDay, resolveDate, startOf, type StoreCalendar } from './filter-days.js';
import { filterFields, type FieldDefinition, type FieldType } from './filter-fields.js';
import type { Comparison, ComparisonOperator, DateValue, ScalarValue } from './filter-types.js';
import { isWholeValue, numberTestHolds, type NumberTestOperator } from './number-test.js';

/**
 * How a number value travels: bigint when both the field and the value are
 * whole (the column is then compared as it is stored), numeric otherwise.
 */
type NumberKind = 'bigint' | 'numeric';

/** Literal values always travel as bind parameters with an explicit type. */
function parameter(type: FieldType, value: ScalarValue, kind: NumberKind): RawBuilder<unknown> {
  switch (type) {
    case 'number': return kind === 'bigint' ? sql`${value}::bigint` : sql`${value}::numeric`;
    case 'boolean': return sql`${value}::boolean`;
    default: return sql`${value}::text`;
  }
}

function arrayParameter(type: FieldType, values: ScalarValue[], kind: NumberKind): RawBuilder<unknown> {
  if (type === 'number') return kind === 'bigint' ? sql`${values}::bigint[]` : sql`${values}::numeric[]`;
  if (type === 'boolean') return sql`${values}::boolean[]`;
  return sql`${values}::text[]`;
}

const plainNumberTests = ['eq', 'in', 'gt', 'gte', 'lt', 'lte', 'between'] as const;

/**
 * The expression a comparison reads. A count that reads 0 without a trait row
 * is `coalesce(t.column, 0)`, which hides the column from the planner; when 0
 * fails the test anyway, customers without a row cannot match and the bare
 * column gives the same answer (unknown instead of false, settled under `not`).
 */
function comparedExpression(node: Comparison, calendar: StoreCalendar): RawBuilder<unknown> {
  const definition = filterFields[node.field];
  // neq and nin are compiled to match unknown values, so they always need the 0
  const isPlainTest = (plainNumberTests as readonly string[]).includes(node.op);
  if (definition.storedColumn && isPlainTest && !numberTestHolds(0, node.op as NumberTestOperator, node.value as number | number[])) return definition.storedColumn();
  return definition.expression(calendar);
}

type DateOperator = Extract<ComparisonOperator, 'gt' | 'gte' | 'lt' | 'lte'>;

/**
 * A date test on a column of instants. A day stands for all of it: on or after the day is from its
 * first instant, after it is from the next day's, before it is before its first instant, and on or
 * before it is before the next day's. An instant is compared as it is.
 */
function instantTest(expression: RawBuilder<unknown>, op: DateOperator, value: DateValue, calendar: StoreCalendar): RawBuilder<boolean> {
  const date = resolveDate(value, calendar);
  const at = (instant: Date) => sql`${instant}::timestamptz`;
  if (date.kind === 'instant') {
    const operator = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[op];
    return sql`(${expression} ${operator} ${at(date.at)})`;
  }
  switch (op) {
    case 'gte': return sql`(${expression} >= ${at(startOf(date, calendar.timeZone))})`;
    case 'gt': return sql`(${expression} >= ${at(endOfDay(date.day, calendar.timeZone))})`;
    case 'lt': return sql`(${expression} < ${at(startOf(date, calendar.timeZone))})`;
    case 'lte': return sql`(${expression} < ${at(endOfDay(date.day, calendar.timeZone))})`;
  }
}

/** A date test on a column of days: an instant stands for its day on the store's calendar. */
function dayTest(expression: RawBuilder<unknown>, op: DateOperator, value: DateValue, calendar: StoreCalendar): RawBuilder<boolean> {
  const day = sql`${dayOf(resolveDate(value, calendar), calendar.timeZone)}::date`;
  const operator = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[op];
  return sql`(${expression} ${operator} ${day})`;
}

function compileDate(definition: FieldDefinition, expression: RawBuilder<unknown>, node: Comparison, calendar: StoreCalendar): RawBuilder<boolean> {
  const test = definition.isCalendarDay ? dayTest : instantTest;
  switch (node.op) {
    case 'gt': case 'gte': case 'lt': case 'lte': return test(expression, node.op, node.value as DateValue, calendar);
    case 'between': {
      // both ends included: from the first day's start to the last day's end
      const [low, high] = node.value as [DateValue, DateValue];
      return sql`(${test(expression, 'gte', low, calendar)} and ${test(expression, 'lte', high, calendar)})`;
    }
    case 'is_null': return node.value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
    default: throw new Error(`operator ${node.op} reached the compiler for a date field`);
  }
}

/**
 * Text compared regardless of case, as the customer list and purchased categories compare it
 * ("jakarta" finds Jakarta, "Ana@Example.com" finds ana@example.com); a place regardless of its
 * accents too ("riga" finds Rīga), in the customer list's expression, so that
 * customer_city_folded_idx serves the list and customer_segment_city_folded_idx, covering, segments (db/migrations/202612140100_customer_city_folded.sql).
 * A field with a closed list is compared as stored: the filter's checks already gave its value
 * the list's spelling, and the bare column keeps its indexes (customer types by their GIN index).
 */
function textOperands(definition: FieldDefinition, expression: RawBuilder<unknown>, value: unknown): { expression: RawBuilder<unknown>; value: unknown } {
  if (definition.closedList) return { expression, value };
  const fold = definition.isAccentBlind ? foldAccents : (text: string) => text;
  const lowered = (item: unknown) => fold(String(item)).toLowerCase();
  const folded = definition.isAccentBlind ? sql`fold_accents(${expression})` : expression;
  return { expression: sql`lower(${folded})`, value: Array.isArray(value) ? value.map(lowered) : lowered(value) };
}

/** The pattern operands: ilike already ignores case, a place's accents are folded on both sides. */
function patternOperands(definition: FieldDefinition, expression: RawBuilder<unknown>, value: unknown): { expression: RawBuilder<unknown>; value: unknown } {
  if (!definition.isAccentBlind) return { expression, value };
  return { expression: sql`fold_accents(${expression})`, value: foldAccents(String(value)) };
}

/** A comparison on a whitelisted field; unknown values give unknown (see compileFilter). */
export function compileComparison(node: Comparison, calendar: StoreCalendar): RawBuilder<boolean> {
  const definition = filterFields[node.field];
  const type = definition.type;
  if (type === 'date') return compileDate(definition, comparedExpression(node, calendar), node, calendar);
  const isTextEquality = type === 'text' && ['eq', 'neq', 'in', 'nin'].includes(node.op);
  const isTextPattern = type === 'text' && ['contains', 'starts_with'].includes(node.op);
  const operands = isTextEquality ? textOperands : isTextPattern ? patternOperands : null;
  const { expression, value } = operands
    ? operands(definition, comparedExpression(node, calendar), node.value)
    : { expression: comparedExpression(node, calendar), value: node.value };
  const kind: NumberKind = definition.isWholeNumber && isWholeValue(value) ? 'bigint' : 'numeric';
  const one = () => parameter(type, value as ScalarValue, kind);
  const list = () => arrayParameter(type, value as ScalarValue[], kind);
  if (type === 'text_list') {
    switch (node.op) {
      case 'contains': return sql`(${value}::text = any(${expression}))`;
      case 'in': return sql`(${expression} && ${list()})`;
      case 'nin': return sql`not coalesce(${expression} && ${list()}, false)`;
      case 'is_null': return value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
      default: throw new Error(`operator ${node.op} reached the compiler for a list field`);
    }
  }
  if (definition.isConsent && (node.op === 'eq' || node.op === 'neq')) {
    // only a recorded yes is yes: `eq true` and `neq false` are a yes, `eq false` and `neq true` a no or never asked
    const meansYes = (node.op === 'eq') === (value === true);
    return meansYes ? sql`(${expression} is true)` : sql`(${expression} is not true)`;
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
      return sql`(${expression} between ${parameter(type, low, kind)} and ${parameter(type, high, kind)})`;
    }
    case 'contains': return sql`(${expression} ilike ${likePattern(String(value), 'contains')}::text)`;
    case 'starts_with': return sql`(${expression} ilike ${likePattern(String(value), 'starts_with')}::text)`;
    case 'is_null': return value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
  }
}

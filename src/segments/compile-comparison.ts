import { sql, type RawBuilder } from 'kysely';
import { likePattern } from '../core/like-pattern.js';
import { filterFields, type FieldType } from './filter-fields.js';
import type { Comparison, DateValue, ScalarValue } from './filter-types.js';
import { isWholeValue, numberTestHolds, type NumberTestOperator } from './number-test.js';
import { dayMs } from '../core/clock.js';

export function resolveDate(value: DateValue, asOf: Date): Date {
  return typeof value === 'string' ? new Date(value) : new Date(asOf.getTime() - value.days_ago * dayMs);
}

/**
 * How a number value travels: bigint when both the field and the value are
 * whole (the column is then compared as it is stored), numeric otherwise.
 */
type NumberKind = 'bigint' | 'numeric';

/** Literal values always travel as bind parameters with an explicit type. */
function parameter(type: FieldType, value: ScalarValue, asOf: Date, kind: NumberKind): RawBuilder<unknown> {
  switch (type) {
    case 'number': return kind === 'bigint' ? sql`${value}::bigint` : sql`${value}::numeric`;
    case 'date': return sql`${resolveDate(value as DateValue, asOf)}::timestamptz`;
    case 'boolean': return sql`${value}::boolean`;
    default: return sql`${value}::text`;
  }
}

function arrayParameter(type: FieldType, values: ScalarValue[], asOf: Date, kind: NumberKind): RawBuilder<unknown> {
  if (type === 'number') return kind === 'bigint' ? sql`${values}::bigint[]` : sql`${values}::numeric[]`;
  if (type === 'date') return sql`${values.map((value) => resolveDate(value as DateValue, asOf).toISOString())}::timestamptz[]`;
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
function comparedExpression(node: Comparison, asOf: Date): RawBuilder<unknown> {
  const definition = filterFields[node.field];
  // neq and nin are compiled to match unknown values, so they always need the 0
  const isPlainTest = (plainNumberTests as readonly string[]).includes(node.op);
  if (definition.storedColumn && isPlainTest && !numberTestHolds(0, node.op as NumberTestOperator, node.value as number | number[])) return definition.storedColumn();
  return definition.expression({ asOf });
}

/** A comparison on a whitelisted field; unknown values give unknown (see compileFilter). */
export function compileComparison(node: Comparison, asOf: Date): RawBuilder<boolean> {
  const definition = filterFields[node.field];
  const type = definition.type;
  const expression = comparedExpression(node, asOf);
  const value = node.value;
  const kind: NumberKind = definition.isWholeNumber && isWholeValue(value) ? 'bigint' : 'numeric';
  const one = () => parameter(type, value as ScalarValue, asOf, kind);
  const list = () => arrayParameter(type, value as ScalarValue[], asOf, kind);
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
      return sql`(${expression} between ${parameter(type, low, asOf, kind)} and ${parameter(type, high, asOf, kind)})`;
    }
    case 'contains': return sql`(${expression} ilike ${likePattern(String(value), 'contains')}::text)`;
    case 'starts_with': return sql`(${expression} ilike ${likePattern(String(value), 'starts_with')}::text)`;
    case 'is_null': return value === false ? sql`(${expression} is not null)` : sql`(${expression} is null)`;
  }
}

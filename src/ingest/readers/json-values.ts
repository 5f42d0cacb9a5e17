import { canonicalFields, normaliseColumnName } from '../rows/fields.js';
import type { RejectCode, RejectParams } from '../reject-codes.js';

/**
 * A JSON Lines line as record values, and the refusals of one that is none, with no I/O: the CLI's
 * reader (record-streams.ts) and the web import's (web/features/import/parse-jsonl.ts) read a line alike.
 */

/**
 * A JSON number as text the row parser reads as that number. Written text with
 * one separator before exactly three digits is a thousands group (Rp 45.000), but
 * a JSON number's dot is always its decimal point: 123.456 is written 123.4560,
 * which no reading takes for thousands.
 */
export function jsonNumberToText(value: number): string {
  const text = String(value);
  return /^-?\d+\.\d{3}$/.test(text) ? `${text}0` : text;
}

/** Why a line is not JSON, as a reject says it. */
export const notJsonReason = (line: number, detail: string) => `line ${line} is not valid JSON (${detail}); each line must be one complete JSON object`;

function jsonValueToText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return jsonNumberToText(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Turns one parsed JSON value into record values, or explains why it cannot be one. */
export function valuesFromJson(parsed: unknown): Record<string, string | null> | string {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return `is ${Array.isArray(parsed) ? 'an array' : typeof parsed === 'object' ? 'null' : `a ${typeof parsed}`}, not a JSON object; write one object per line, e.g. {"customer_id": "17850"}`;
  }
  const nested = nonScalarField(parsed);
  if (nested !== null) {
    const kind = Array.isArray((parsed as Record<string, unknown>)[nested]) ? 'a list (JSON array)' : 'a group of values (JSON object)';
    return `has ${kind} in "${nested}", which takes one value; give a single value for ${nested}: text, a number or true/false`;
  }
  const values: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(parsed)) values[key] = jsonValueToText(value);
  return values;
}

/**
 * The first canonical field of a JSON object whose value is an array or an
 * object, which the field cannot hold (an id like ["a","b"] would be stored as
 * that text); null when there is none. An event's free-text `detail` and other
 * columns (a customer's extra attributes) keep such a value as its JSON text.
 */
export function nonScalarField(parsed: unknown): string | null {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  for (const [key, value] of Object.entries(parsed)) if (value !== null && typeof value === 'object' && scalarFields.has(normaliseColumnName(key))) return key;
  return null;
}

/**
 * The keys of a JSON object that hold an array or an object, kept as their JSON text: a column
 * whose name is no field's may still be read as one (a guessed "customer"), which the row parser
 * refuses as nonScalarField's are, knowing the columns' fields.
 */
export function nestedKeysOf(parsed: unknown): string[] {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  return Object.entries(parsed).filter(([, value]) => value !== null && typeof value === 'object').map(([key]) => key);
}

const scalarFields = new Set(Object.values(canonicalFields).flat().filter((field) => field !== 'detail'));

/**
 * The fields of a JSON object that hold text, a number or a boolean, by key: what can still be
 * read of an object valuesFromJson refuses (one field holds an array).
 */
export function scalarValues(parsed: unknown): { values?: Record<string, string | null> } {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const values: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(parsed)) if (value === null || typeof value !== 'object') values[key] = jsonValueToText(value);
  return { values };
}

/** The code of valuesFromJson's refusal: not an object at all, or a field holding an array or object. */
export function jsonValuesProblem(parsed: unknown, line: number): { code: RejectCode; params: RejectParams } {
  const field = nonScalarField(parsed);
  return field === null ? { code: 'ROW_NOT_OBJECT', params: { line } } : { code: 'FIELD_NOT_SCALAR', params: { line, field } };
}

/**
 * A JSON array or object under a column some field reads (a guessed "customer" as customer_id): its
 * JSON text would otherwise be stored as an id, a name or an amount; null when no such column holds
 * one. An event's free-text detail keeps it. `fieldOfColumn`: the field each read column fills.
 */
export function nestedColumnProblem(line: number, nested: readonly string[], values: Readonly<Record<string, string | null>>, fieldOfColumn: ReadonlyMap<string, string>) {
  const column = nested.find((key) => fieldOfColumn.has(key) && fieldOfColumn.get(key) !== 'detail');
  if (column === undefined) return null;
  const field = fieldOfColumn.get(column)!;
  const kind = values[column]?.startsWith('[') ? 'a list (JSON array)' : 'a group of values (JSON object)';
  return {
    field, code: 'FIELD_NOT_SCALAR' as const, params: { line, field: column },
    reason: `"${column}" holds ${kind}, but it is read as ${field}, which takes one value; give a single value for ${column}: text, a number or true/false`,
  };
}

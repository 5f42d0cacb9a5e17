/**
 * A SQL literal that PostgreSQL reads as the value a driver would have bound
 * as a parameter (an untyped literal, cast by its place in the statement). For
 * statements that cannot take bound parameters, such as EXECUTE of a prepared
 * statement. Strings are written as E'' literals, so the meaning of a
 * backslash does not depend on standard_conforming_strings.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return escapedString(`{${value.map(arrayElement).join(',')}}`);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Cannot write an invalid date as a SQL literal.');
    // an instant, as timestamptz parameters read it
    return escapedString(value.toISOString());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} as a SQL literal.`);
    return escapedString(String(value));
  }
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return escapedString(String(value));
  throw new TypeError(`Cannot write a ${typeof value} as a SQL literal.`);
}

function escapedString(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An element of an array literal: NULL, or double-quoted with " and \ escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) throw new TypeError('Cannot write a nested array as a SQL literal.');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Cannot write ${value} as a SQL literal.`);
  if (typeof value === 'object' && !(value instanceof Date)) throw new TypeError('Cannot write an object as a SQL literal.');
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

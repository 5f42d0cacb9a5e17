import type { FastifyError } from 'fastify';

export type ValidationIssue = FastifyError['validation'] extends Array<infer T> | undefined ? T : never;


/**
 * A validation message a person can act on. Zod says "expected number, received NaN" for
 * `/api/customers/abc`, since params are coerced before they are checked; the reader needs to
 * hear what was sent and what is wanted instead.
 */
export function readableIssueMessage(issue: ValidationIssue, input: unknown): string {
  // fastify-type-provider-zod hands on zod's code as the keyword and the rest of the issue as params
  const expected = (issue.params as { expected?: unknown } | undefined)?.expected;
  const message = issue.message ?? '';
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  // "expected string, received undefined" is zod's way of saying a required field is missing
  if (issue.keyword === 'invalid_type' && isMissing(input, path)) return 'is required';
  if (issue.keyword !== 'invalid_type' || (expected !== 'number' && expected !== 'int')) return message;
  const wanted = expected === 'int' ? 'a whole number' : 'a number';
  const sent = valueAt(input, path);
  return sent === undefined ? `expected ${wanted}` : `expected ${wanted}, got ${JSON.stringify(sent)}`;
}

/** The value the client sent at a path, when it is one short enough to echo. */
function valueAt(input: unknown, path: readonly string[]): string | number | boolean | null | undefined {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}

/** Whether the client left out the key at the end of the path (the object holding it was sent). */
function isMissing(input: unknown, path: readonly string[]): boolean {
  if (path.length === 0) return input === undefined;
  let holder: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (holder === null || typeof holder !== 'object') return false;
    holder = (holder as Record<string, unknown>)[key];
  }
  return holder !== null && typeof holder === 'object' && (holder as Record<string, unknown>)[path[path.length - 1]] === undefined;
}

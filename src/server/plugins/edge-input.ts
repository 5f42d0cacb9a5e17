import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';

type Context = 'params' | 'query' | 'body';

/**
 * Refuses text containing the NUL character (U+0000) anywhere in a request's
 * path parameters, query string or JSON body, before any route sees it:
 * PostgreSQL text cannot hold it, so it would otherwise fail deep in a query as
 * a 500. Runs after authentication, so an anonymous caller still gets 401.
 * Ingest bodies are left alone: a batch rejects such a record on its own line
 * and keeps the others (see src/ingest).
 */
export function registerEdgeInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const isIngest = request.routeOptions.url?.startsWith('/api/ingest/') ?? false;
    const parts: Array<[Context, unknown]> = [['params', request.params], ['query', request.query]];
    if (!isIngest) parts.push(['body', request.body]);
    for (const [context, value] of parts) {
      const path = pathToNul(value);
      if (path) throw nulRefused(context, path);
    }
  });
}

/** Where a value sits: its key and the step to its parent, so paths cost nothing until one is reported. */
type Step = { key: string; parent: Step } | null;

/**
 * The path to the first text (or key) holding NUL, or null; only JSON's plain
 * objects and arrays are walked, with a stack rather than recursion so that a
 * deeply nested body cannot overflow the call stack.
 */
function pathToNul(root: unknown): string[] | null {
  const pending: Array<[unknown, Step]> = [[root, null]];
  while (pending.length) {
    const [value, step] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(step);
      continue;
    }
    const entries = Array.isArray(value) ? value.map((item, index): [string, unknown] => [String(index), item]) : isPlainObject(value) ? Object.entries(value) : [];
    for (const [key] of entries) if (key.includes('\u0000')) return pathOf({ key, parent: step });
    // reversed, so the walk meets fields in the order they were written
    for (const [key, item] of entries.reverse()) pending.push([item, { key, parent: step }]);
  }
  return null;
}

function pathOf(step: Step): string[] {
  const path: string[] = [];
  for (let current = step; current; current = current.parent) path.unshift(current.key);
  return path;
}

// a parsed query string's prototype is itself prototype-less, so "plain" is one step from the end of the chain
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

// the same field and context as a schema validation error, so a client shows both alike
function nulRefused(context: Context, path: string[]): AppError {
  const field = path.join('.') || undefined;
  return new AppError(
    'REQUEST_INVALID',
    `Invalid ${context}${field ? ` field "${field}"` : ''}: text may not contain the NUL character (U+0000). Remove it and send again.`,
    { field, context },
  );
}

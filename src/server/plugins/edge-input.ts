import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';

type Context = 'params' | 'query' | 'body';

/**
 * Levels of arrays and objects a JSON body may nest. The deepest the API reads is a segment
 * filter (12 levels of and/or, two each, under its body key); a body nested thousands deep is
 * no request anyone means, and would overflow the call stack of whatever walks it recursively
 * (JSON.stringify hashing an Idempotency-Key's body was a 500).
 */
export const maxBodyDepth = 64;

/**
 * Refuses, before any route sees them: text containing the NUL character (U+0000) anywhere in
 * a request's path parameters, query string or JSON body, since PostgreSQL text cannot hold it
 * and it would otherwise fail deep in a query as a 500; and a body nested more than
 * `maxBodyDepth` levels. Runs after authentication, so an anonymous caller still gets 401.
 * Ingest bodies are left alone for NUL: a batch rejects such a record on its own line and keeps
 * the others (see src/ingest); their depth is bounded like any body's.
 */
export function registerEdgeInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const isIngest = request.routeOptions.url?.startsWith('/api/ingest/') ?? false;
    const parts: Array<[Context, unknown, boolean]> = [['params', request.params, true], ['query', request.query, true], ['body', request.body, !isIngest]];
    for (const [context, value, refusesNul] of parts) {
      const problem = firstProblem(value, refusesNul);
      if (problem) throw problem.kind === 'nul' ? nulRefused(context, problem.path) : tooDeep(context, problem.path);
    }
  });
}

/** Where a value sits: its key and the step to its parent, so paths cost nothing until one is reported. */
type Step = { key: string; parent: Step } | null;

/**
 * The first text (or key) holding NUL, when `refusesNul`, or the first value nested deeper than
 * maxBodyDepth, with its path; null if none. Only JSON's plain objects and arrays are walked,
 * with a stack rather than recursion so that a deeply nested body cannot overflow the call stack.
 */
function firstProblem(root: unknown, refusesNul: boolean): { kind: 'nul' | 'deep'; path: string[] } | null {
  const pending: Array<[unknown, Step, number]> = [[root, null, 0]];
  while (pending.length) {
    const [value, step, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (refusesNul && value.includes('\u0000')) return { kind: 'nul', path: pathOf(step) };
      continue;
    }
    const entries = Array.isArray(value) ? value.map((item, index): [string, unknown] => [String(index), item]) : isPlainObject(value) ? Object.entries(value) : [];
    if (entries.length === 0) continue;
    if (depth >= maxBodyDepth) return { kind: 'deep', path: pathOf(step) };
    if (refusesNul) for (const [key] of entries) if (key.includes('\u0000')) return { kind: 'nul', path: pathOf({ key, parent: step }) };
    // reversed, so the walk meets fields in the order they were written
    for (const [key, item] of entries.reverse()) pending.push([item, { key, parent: step }, depth + 1]);
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

export function tooDeep(context: Context, path: string[]): AppError {
  // the field the client wrote, and enough of the path under it to find the place
  const field = path.slice(0, 3).join('.') || undefined;
  const shown = path.length > 6 ? `${path.slice(0, 6).join('.')}…` : path.join('.');
  return new AppError(
    'REQUEST_INVALID',
    `Invalid ${context}${shown ? ` field "${shown}"` : ''}: arrays and objects may nest at most ${maxBodyDepth} levels deep. Send flatter data.`,
    { field, context },
  );
}

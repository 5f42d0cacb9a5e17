import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { mostKeysSuggested, suggestedKeys, suggestionHint } from './key-suggestions.js';

/**
 * Refuses a query parameter the route does not read, naming it and those the route accepts.
 * An unknown parameter used to be ignored, so a misspelt filter (`?minSpend=100` for
 * `minRevenueMinor`) answered the whole unfiltered list with 200 and looked like a result.
 * One check for every API route, including those without a querystring schema (which take
 * none), so a route added later is strict without anyone remembering to make it so; the
 * docs and the web app are left alone.
 * Registered after the NUL check, so a NUL in a parameter's name is reported as that.
 */
export function registerUnknownQueryCheck(app: FastifyInstance): void {
  // read each schema's names as its route is added: a schema they cannot be read from stops start-up
  app.addHook('onRoute', (route) => {
    if (isApiRoute(route.url, route.config)) acceptedQueryKeys(route.schema?.querystring);
  });
  app.addHook('preValidation', async (request) => {
    if (!isApiRoute(request.routeOptions.url, request.routeOptions.config)) return;
    const accepted = acceptedQueryKeys(request.routeOptions.schema?.querystring);
    if (accepted === null) return;
    const unknown = Object.keys(request.query ?? {}).filter((key) => !accepted.includes(key));
    if (unknown.length) throw unknownQueryParameters(`${request.method} ${request.routeOptions.url ?? request.url}`, unknown, accepted);
    const repeated = Object.entries(request.query ?? {}).find(([key, value]) => Array.isArray(value) && !acceptsList(request.routeOptions.schema?.querystring, key));
    if (repeated) throw repeatedQueryParameter(repeated[0], repeated[1] as unknown[]);
  });
}

/**
 * `?limit=1&limit=2` reaches the schema as a list, which it then calls "expected a number": say
 * what happened instead. A parameter whose schema is a list may be repeated.
 */
function repeatedQueryParameter(key: string, values: unknown[]): AppError {
  const shown = values.slice(0, 3).map((value) => JSON.stringify(String(value).slice(0, 40))).join(', ');
  return new AppError('REQUEST_INVALID', `Invalid query field "${cutShort(key)}": the parameter is given ${values.length} times (${shown}${values.length > 3 ? ', …' : ''}); give it once.`, { field: cutShort(key), context: 'query' });
}

function acceptsList(schema: unknown, key: string): boolean {
  let definition = (schema as { _zod?: { def?: ZodDefinition } } | undefined)?._zod?.def;
  while (definition?.type === 'pipe') definition = (definition.in as { _zod?: { def?: ZodDefinition } })._zod?.def;
  let field = definition?.type === 'object' ? (definition.shape?.[key] as { _zod?: { def?: ZodDefinition } } | undefined)?._zod?.def : undefined;
  while (field && ['optional', 'default', 'prefault', 'nullable', 'readonly'].includes(field.type ?? '')) field = (field.innerType as { _zod?: { def?: ZodDefinition } })._zod?.def;
  return field?.type === 'array';
}

// the web app's page at / is public too, and its own address carries the page's filters
function isApiRoute(url: string | undefined, config: { access?: unknown } | undefined): boolean {
  return Boolean(config?.access) && (url?.startsWith('/api/') ?? false);
}

const keysBySchema = new WeakMap<object, readonly string[] | null>();

/**
 * The query parameters a querystring schema names: none without a schema, null (any) for a
 * record. A zod object may sit under refinements, pipes, unions or intersections. A schema
 * whose names cannot be read throws, so such a route stops the app from starting rather
 * than silently take anything.
 */
export function acceptedQueryKeys(schema: unknown): readonly string[] | null {
  if (schema === undefined || schema === null) return [];
  if (typeof schema !== 'object') throw new Error('A querystring schema must be a zod schema.');
  if (!keysBySchema.has(schema)) keysBySchema.set(schema, keysOf(schema));
  return keysBySchema.get(schema)!;
}

type ZodDefinition = { type?: string; in?: unknown; options?: unknown[]; left?: unknown; right?: unknown; innerType?: unknown; shape?: Record<string, unknown> };

function keysOf(schema: object): string[] | null {
  const definition = (schema as { _zod?: { def?: ZodDefinition } })._zod?.def;
  switch (definition?.type) {
    case 'object': return Object.keys(definition.shape ?? {});
    case 'record': return null;
    case 'pipe': return keysOfSchema(definition.in);
    case 'optional': case 'default': case 'prefault': case 'nullable': case 'readonly': return keysOfSchema(definition.innerType);
    case 'union': return merged((definition.options ?? []).map(keysOfSchema));
    case 'intersection': return merged([keysOfSchema(definition.left), keysOfSchema(definition.right)]);
    default: throw new Error(`Cannot tell which query parameters a querystring schema of type ${definition?.type ?? 'unknown'} accepts; use a zod object.`);
  }
}

function keysOfSchema(schema: unknown): string[] | null {
  if (typeof schema !== 'object' || schema === null) throw new Error('A querystring schema must be a zod schema.');
  return keysOf(schema);
}

function merged(lists: Array<string[] | null>): string[] | null {
  return lists.includes(null) ? null : [...new Set(lists.flatMap((list) => list ?? []))];
}

/**
 * Says which accepted parameter each unknown one most likely means (`?tpye=` for `type`), and
 * names only the first few: a request of thousands of parameters gets an answer of a few lines.
 */
function unknownQueryParameters(route: string, unknown: string[], accepted: readonly string[]): AppError {
  const shown = unknown.slice(0, mostKeysSuggested).map(cutShort);
  const more = unknown.length - shown.length;
  const named = shown.map((key) => `"${key}"`).join(', ') + (more > 0 ? ` and ${more} more` : '');
  const what = unknown.length === 1 ? `Unknown query parameter ${named}` : `Unknown query parameters ${named}`;
  const suggested = suggestionHint(suggestedKeys(shown, accepted));
  const message = accepted.length
    ? `${what}. ${suggested ? `${suggested.hint} ` : ''}${route} accepts: ${accepted.join(', ')}.`
    : `${what}: ${route} takes no query parameters. Remove ${unknown.length === 1 ? 'it' : 'them'} and send again.`;
  return new AppError('REQUEST_INVALID', message, { field: shown[0], context: 'query', unknown: shown, accepted, ...suggested });
}

/** Longer than any parameter a route takes: a longer name is echoed cut short. */
const longestNameShown = 64;
const cutShort = (key: string) => (key.length > longestNameShown ? `${key.slice(0, longestNameShown)}…` : key);

import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, sharedErrorStatuses, type ErrorResponse } from '../responses.js';
import { apiKeyRateLimitedResponse } from '../api-key-rate-limit.js';
import { defaultApiKeyRequestsPerMinute } from '../../core/config.js';
import { apiDocsDirectives, policyText } from './security-headers.js';
import { apiKeyScopes, permissionsByRole, permissionsByScope, roles, type Permission } from '../../auth/permissions.js';

/** OpenAPI 3 document at /api/openapi.json, generated from the routes' zod schemas, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // before the routes (and swagger, which reads them), so every operation is documented with what it shares
  app.addHook('onRoute', documentSharedResponses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Clientele API',
        version: '0.1.0',
        description: [
          'Know and keep your real customers. Authenticate with a session cookie (POST /api/auth/login; send the X-CSRF-Token header on writes) or an API key (`Authorization: Bearer <key>`); operations marked with no security are public.',
          'Every error is `{ error: { code, message, field?, details? } }` (the `Error` schema) with the status documented on each operation.',
          'Field names: a stored record (a customer, an order, an import run, a segment, a model fit) is answered with the snake_case names of its columns, the names import files and CSV exports use; what an operation adds around records (`nextCursor`, hints, the id of what it created such as `customerId`, `segmentId` or `importId`, estimates) and its options are camelCase. Customer bodies accept either spelling of a field (`birthYear` or `birth_year`), not both at once. Persona answers are camelCase but for the discovery run\'s own fields (`model_id`, `discovered_at`, `sample_size`). A name is not renamed within a major version: a new name would be added beside the old one.',
          'Long lists are cursor-paginated: pass the `nextCursor` of a page back as `cursor` for the next one; it is null on the last page (segment members also answer `next`, to pass as `after`). A query parameter an operation does not list is refused (400 REQUEST_INVALID, naming it, the closest accepted name when one is near, and those the operation accepts) rather than ignored.',
          `Requests made with an API key are limited per key (${defaultApiKeyRequestsPerMinute} a minute unless the server sets CLIENTELE_API_KEY_REQUESTS_PER_MINUTE): every answer to a request the key may make (not a 401 or 403) carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (seconds until the minute ends), and a request over the limit is answered 429 API_KEY_RATE_LIMITED with Retry-After. Sessions are not limited this way.`,
          'An API key acts for the staff member who created it (a key made by a key, for that key\'s creator) and never with more power than they have now: it stops authenticating (401) while they are disabled, it may use only the scopes their current role could grant (the others are suspended, 403, and return if the role does), and it may not disable, change the role of or reset the password of its creator (403 USER_CHANGE_FORBIDDEN), as they may not do to themselves signed in; on the users and API-key operations a key acts within an admin\'s limits, so it never changes an owner. A key an owner made, or one made from the server\'s shell (clientele api-keys create), is revoked only by an owner or with that key itself (403 API_KEY_REVOKE_FORBIDDEN).',
          'Each operation says which permission it needs, which staff roles have it and which API-key scopes grant it; operation ids are stable names for generated clients.',
        ].join(' '),
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: `An API key created with \`clientele api-keys create\`. Each key may make a set number of requests a minute (${defaultApiKeyRequestsPerMinute} by default); more are answered 429 API_KEY_RATE_LIMITED with Retry-After.` },
          session: { type: 'apiKey', in: 'cookie', name: 'clientele_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: (route) => withNullInNullableEnums(withNullableBranches(withResponseHeaders(route.schema, jsonSchemaTransform(route)))),
    transformObject: (documentObject) => withoutUnusedSchemas(withDeprecatedParameters(withSharedHeaders(withNullInNullableEnums(withNullableBranches(jsonSchemaTransformObject(documentObject)))))),
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  // its own policy, replacing the web app's on its routes only (security-headers.ts)
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, staticCSP: policyText(apiDocsDirectives) });
}

/**
 * zod writes a nullable enum for OpenAPI 3.0 as `nullable: true` beside an enum without null,
 * which validators that follow the 3.0.3 clarification reject a null against (`enum` is checked
 * on its own): null is added to each such enum, wherever in the document it stands. The walk
 * changes the generated objects in place and returns what it was given.
 */
export function withNullInNullableEnums<Value>(value: Value): Value {
  walkSchemas(value, (schema) => {
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  });
  return value;
}

/**
 * zod writes a nullable union for OpenAPI 3.0 as `nullable: true` beside an `anyOf` (or `oneOf`)
 * without a `type`, which 3.0.3 says has no effect: a null would be refused. When every branch
 * has a type, each branch is made nullable instead, which says the same in a form 3.0.3 reads.
 */
export function withNullableBranches<Value>(value: Value): Value {
  walkSchemas(value, (schema) => {
    if (schema.nullable !== true || 'type' in schema) return;
    const branches = (schema.anyOf ?? schema.oneOf) as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(branches) || !branches.every((branch) => typeof branch === 'object' && branch !== null && 'type' in branch)) return;
    for (const branch of branches) branch.nullable = true;
    delete schema.nullable;
  });
  return value;
}

/**
 * @fastify/swagger leaves a query parameter's `deprecated` inside its schema, where generated
 * clients do not look: it is raised onto the parameter itself.
 */
function withDeprecatedParameters<Document>(document: Document): Document {
  const openapi = document as { paths?: Record<string, Record<string, { parameters?: Array<{ deprecated?: boolean; schema?: { deprecated?: boolean } }> }>> };
  for (const operations of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.schema?.deprecated !== true) continue;
        parameter.deprecated = true;
        delete parameter.schema.deprecated;
      }
    }
  }
  return document;
}

/**
 * zod registers each named schema in an input and an output form, used or not: a component no
 * operation refers to (directly or through another component) would only become dead types in
 * generated clients, so it is left out.
 */
export function withoutUnusedSchemas<Document>(document: Document): Document {
  const openapi = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = openapi.components?.schemas;
  if (!schemas) return document;
  const prefix = '#/components/schemas/';
  const used = new Set<string>();
  const pending: unknown[] = [{ ...openapi, components: { ...openapi.components, schemas: {} } }];
  while (pending.length > 0) {
    walkSchemas(pending.pop(), (node) => {
      const ref = node.$ref;
      if (typeof ref !== 'string' || !ref.startsWith(prefix) || used.has(ref.slice(prefix.length))) return;
      used.add(ref.slice(prefix.length));
      pending.push(schemas[ref.slice(prefix.length)]);
    });
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
}

/** Calls `visit` on every object in a generated document (not on zod schemas), once each. */
function walkSchemas(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof z.ZodType) continue;
    visit(current as Record<string, unknown>);
    pending.push(...Object.values(current));
  }
}

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Adds to an API route the error statuses that come from what every route
 * shares rather than from its own work: 400 from input checks (the NUL check
 * reads any route's query string), 401 and 403 from authentication, 413 and 415
 * from body parsing, 429 from the API-key request limit (where a key may call it), 500 from the error
 * handler, 503 from it when the store's database cannot be reached. Public routes are marked
 * `security: []`, so the document-wide security does not claim them. A status
 * the route documents itself keeps its own description.
 */
function documentSharedResponses(route: RouteOptions): void {
  const access = route.config?.access;
  if (!access || !route.url.startsWith('/api') || route.schema?.hide) return;
  const schema = (route.schema ??= {});
  const response = (schema.response ??= {}) as Record<string, unknown>;
  // 503: the error handler answers any route whose store cannot be reached so, whatever the route's own work
  const statuses: Array<keyof typeof sharedErrorStatuses> = [400, 500, 503];
  if (access === 'public') schema.security = [];
  else statuses.push(401, 403);
  if ([route.method].flat().some((method) => bodyMethods.has(method))) statuses.push(413, 415);
  for (const status of statuses) response[status] ??= errorResponse(sharedErrorStatuses[status]);
  if (access !== 'public' && apiKeyScopes.some((scope) => permissionsByScope[scope].has(access.permission))) {
    response[429] = withApiKeyRateLimit(response[429] as ErrorResponse | undefined);
  }
  schema.operationId ??= operationIdOf([route.method].flat()[0], route.url);
  // the HEAD route Fastify adds for a GET shares its schema: the note is added once
  if (access !== 'public' && !schema.description?.includes(accessNote(access.permission))) {
    schema.description = [schema.description, accessNote(access.permission)].filter(Boolean).join('\n\n');
  }
  // a success schema without a description of its own would read "Default Response"
  for (const [status, description] of Object.entries(successDescriptions)) {
    const success = response[status];
    if (success instanceof z.ZodType && !success.description) response[status] = { description, content: { 'application/json': { schema: success } } };
  }
  const isLimitedPerKey = access !== 'public' && apiKeyScopes.some((scope) => permissionsByScope[scope].has(access.permission));
  for (const status of Object.keys(response).map(Number)) {
    const headers = {
      // the limit is counted, and its headers set, once the key is known to be allowed the operation
      ...(isLimitedPerKey && status !== 401 && status !== 403 ? rateLimitHeaders : {}),
      ...(status === 429 || status === 503 ? retryAfterHeader : {}),
      ...handlerHeaders[`${[route.method].flat()[0]} ${route.url}`]?.[status],
    };
    if (Object.keys(headers).length > 0) response[status] = withHeaders(response[status], headers);
  }
}

type HeaderDocument = { schema: { type: string; enum?: string[] }; description: string };

const rateLimitHeaders: Record<string, HeaderDocument> = {
  'X-RateLimit-Limit': { schema: { type: 'integer' }, description: 'Requests an API key may make a minute (answers to API-key requests only)' },
  'X-RateLimit-Remaining': { schema: { type: 'integer' }, description: 'Requests the API key has left in the current minute' },
  'X-RateLimit-Reset': { schema: { type: 'integer' }, description: 'Seconds until the current minute ends and the count starts again' },
};
const retryAfterHeader: Record<string, HeaderDocument> = {
  'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before sending the request again' },
};
const replayedHeader: Record<string, HeaderDocument> = {
  'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] }, description: 'Sent with a retry\'s answer: the request with this Idempotency-Key was made before, and this is its answer; absent otherwise' },
};
const locationOf = (what: string, path: string): Record<string, HeaderDocument> => ({
  Location: { schema: { type: 'string' }, description: `The new ${what}'s address, ${path}` },
});

/** Headers an operation's own handler sends, by method, route and status (the handlers set them with reply.header). */
const handlerHeaders: Record<string, Record<number, Record<string, HeaderDocument>>> = {
  'POST /api/customers': { 201: { ...locationOf('customer', '/api/customers/{customerId}'), ...replayedHeader } },
  'POST /api/segments': { 201: locationOf('segment', '/api/segments/{segmentId}') },
  'POST /api/imports': { 201: { ...locationOf('import run', '/api/imports/{importId}'), ...replayedHeader } },
  'POST /api/ingest/:entity': { 200: replayedHeader },
};

/**
 * A response with `headers` documented beside its body. A body schema is put in the form with
 * `content`, which carries them; a response without a JSON body (204) is left as it is.
 */
function withHeaders(documented: unknown, headers: Record<string, HeaderDocument>): unknown {
  if (documented instanceof z.ZodType) {
    if (documented instanceof z.ZodUndefined) return documented;
    return { description: documented.description ?? 'OK', content: { 'application/json': { schema: documented } }, headers };
  }
  if (typeof documented !== 'object' || documented === null || !('content' in documented)) return documented;
  // a new object: a route's response may be shared with other routes
  const own = documented as { headers?: Record<string, HeaderDocument> };
  return { ...documented, headers: { ...own.headers, ...headers } };
}

/**
 * The headers many operations send alike (the rate limit's, Retry-After, Idempotent-Replayed) are
 * written once, under components.headers, and referred to: written out on every response they made
 * the document four times longer.
 */
function withSharedHeaders<Document>(document: Document): Document {
  const shared: Record<string, unknown> = { ...rateLimitHeaders, ...retryAfterHeader, ...replayedHeader };
  const openapi = document as { components?: { headers?: Record<string, unknown> }; paths?: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>> };
  for (const operations of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const name of Object.keys(response.headers ?? {})) {
          if (name in shared) response.headers![name] = { $ref: `#/components/headers/${name}` };
        }
      }
    }
  }
  openapi.components = { ...openapi.components, headers: { ...openapi.components?.headers, ...shared } };
  return document;
}

/**
 * jsonSchemaTransform keeps a response's description and content only: its documented headers
 * are put back, in the shape @fastify/swagger writes into the document (a schema per header).
 */
function withResponseHeaders<Transformed extends { schema: unknown }>(schema: unknown, transformed: Transformed): Transformed {
  const response = (schema as { response?: Record<string, { headers?: Record<string, HeaderDocument> }> } | undefined)?.response;
  const out = (transformed.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response;
  if (!response || !out) return transformed;
  for (const [status, documented] of Object.entries(response)) {
    if (documented?.headers && out[status]) {
      out[status].headers = Object.fromEntries(Object.entries(documented.headers).map(([name, header]) => [name, { ...header.schema, description: header.description }]));
    }
  }
  return transformed;
}

/** A route's own 429 (heavy work) keeps its description, with the API-key limit's added once. */
function withApiKeyRateLimit(own: ErrorResponse | undefined): ErrorResponse {
  if (!own) return apiKeyRateLimitedResponse;
  if (own.description.includes('API_KEY_RATE_LIMITED')) return own;
  // a new object: a route's own response may be shared with other routes
  return { ...own, description: `${own.description}. Or: ${apiKeyRateLimitedResponse.description}` };
}

const successDescriptions = { 200: 'OK', 201: 'Created' };

/**
 * A stable operation id for generated clients, from the method and the path:
 * GET /api/customers/:customerId → getCustomersById, POST /api/merges/:mergeId/undo
 * → postMergesByIdUndo, POST /api/ingest/:entity → postIngestByEntity.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url.replace(/^\/api\/?/, '').split('/').filter(Boolean);
  const plain = (text: string | undefined) => (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const words = segments.flatMap((segment, index) => {
    if (!segment.startsWith(':')) return [segment];
    // /customers/:customerId reads "by id"; /ingest/:entity "by entity"
    const isOwnId = plain(segment.slice(1).replace(/Id$/, '')) === plain(segments[index - 1]).replace(/s$/, '');
    return [`by-${isOwnId ? 'id' : segment.slice(1)}`];
  });
  const pascal = words.join('-').split(/[-_]/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return `${method.toLowerCase()}${pascal}`;
}

/** Who may call an operation: the permission, the staff roles that have it and the API-key scopes that grant it. */
function accessNote(permission: Permission): string {
  const withRoles = roles.filter((role) => permissionsByRole[role].has(permission));
  const withScopes = apiKeyScopes.filter((scope) => permissionsByScope[scope].has(permission));
  return `Requires the \`${permission}\` permission: roles ${withRoles.join(', ')}; API keys ${withScopes.length > 0 ? `with the scope ${withScopes.join(' or ')}` : 'cannot call it'}.`;
}

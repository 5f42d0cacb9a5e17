import { z } from 'zod';

/**
 * The one error shape of the whole API (plugins/error-handler.ts answers every
 * error with it). Registered under an id, so the OpenAPI document holds it once
 * as `components.schemas.Error` and every error response refers to it.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('SCREAMING_SNAKE_CASE, prefixed by its domain, e.g. CUSTOMER_NOT_FOUND'),
    message: z.string().describe('What went wrong and what to do about it'),
    field: z.string().optional().describe('The request field at fault, as a dotted path, e.g. identities.0.value'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
}).meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A documented error status: the shared schema with what the status means on this operation. */
export type ErrorResponse = { description: string; content: { 'application/json': { schema: typeof errorBodySchema } } };

export function errorResponse(description: string): ErrorResponse {
  return { description, content: { 'application/json': { schema: errorBodySchema } } };
}

/**
 * The statuses every route shares, with their general meaning. openapi.ts adds
 * them to each operation from what the route declares (access, input, method);
 * a route states the rest (404, 409, 429…) itself with `errorResponse`.
 */
export const sharedErrorStatuses = {
  400: 'The request is invalid (REQUEST_INVALID or a domain code); `field` names the part at fault',
  401: 'No valid session or API key (AUTH_REQUIRED, AUTH_SESSION_EXPIRED)',
  403: 'The caller may not do this (AUTH_FORBIDDEN), or a cookie-signed write lacks its X-CSRF-Token (AUTH_CSRF_INVALID)',
  413: 'The body is larger than this operation accepts',
  415: 'The body has a content type the API does not read: send application/json',
  500: 'Something failed on the server (INTERNAL_ERROR); the details are in its log',
  503: 'The store\'s database cannot be reached (STORE_CONNECTION_UNAVAILABLE): it is down, refusing connections or gone; Retry-After says when to ask again',
} as const;

/** A 204 answer: no body. */
export const noContent = z.undefined().describe('No content');

/** A page of a cursor-paginated list: pass `nextCursor` back as `cursor` for the next page; null on the last. */
export function cursorPage<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('The cursor of the next page; null on the last page') });
}

export const cursorQuery = {
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page; any other value is refused with PAGINATION_CURSOR_INVALID'),
};

/** A timestamp: the handler holds a Date, the client reads ISO 8601 text. */
export const timestamp = z.date();

/**
 * An object schema for values of type `Row` (e.g. a query's row), which the
 * compiler holds to naming exactly `Row`'s fields: a column added to the query
 * later fails the build here, rather than vanish from the answers (a response
 * schema leaves out what it does not name). The route's type provider then
 * checks each field's type against the handler's.
 */
export function objectOf<Row>() {
  return <const Shape extends z.ZodRawShape>(shape: Shape & { [Key in keyof Row]-?: z.ZodType } & { [Key in Exclude<keyof Shape, keyof Row>]: never }) => z.object(shape);
}

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorBodyOf, isAppError, kindOfCode, type ErrorKind } from '../../core/errors.js';
import { storeRetryAfterSeconds, storeUnreachableError, unreachableCause } from '../../db/store-unreachable.js';
import type { ErrorBody } from '../responses.js';
import { bodyErrors } from './body-parsing.js';
import { readableIssueMessage, type ValidationIssue } from './issue-messages.js';
import { unknownKeyHint } from './key-suggestions.js';

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type { ErrorBody };

/** One error shape for the whole API: `{ error: { code, message, field?, details? } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const context = error.validationContext ?? 'body';
      const input = inputOf(request, context);
      const issueField = first ? fieldOf(first) : undefined;
      // a body that is missing, or not an object at all, is at fault as a whole: named as the body-parsing errors name it
      const field = issueField ?? (context === 'body' ? 'body' : undefined);
      // a key the schema does not know, said with the accepted one it most likely means
      const unknownKeys = unknownKeyHint(error.validation, request.routeOptions.schema?.[context]);
      const problem = context === 'body' && input === undefined && !issueField ? 'it is missing: send a JSON object with Content-Type: application/json' : first ? readableIssueMessage(first, input) : error.message;
      const message = `Invalid ${context}${issueField ? ` field "${issueField}"` : ''}: ${problem}${unknownKeys ? `. ${unknownKeys.hint}` : ''}`;
      return reply.status(400).send({
        error: { code: 'REQUEST_INVALID', message, field, details: { context, issues: error.validation.map((issue) => issueWithField(issue, input)), ...unknownKeys } },
      } satisfies ErrorBody);
    }
    const unreachable = unreachableCause(error);
    if (unreachable !== null) {
      // an outage, not a bug: one line a person can act on, without a stack repeated by every request
      request.log.warn({ storeError: unreachable, route: request.routeOptions.url }, 'store unreachable: answered 503');
      reply.header('retry-after', String(storeRetryAfterSeconds));
      return reply.status(503).send(errorBodyOf(storeUnreachableError()) satisfies ErrorBody);
    }
    if (isAppError(error)) {
      const status = statusByKind[kindOfCode(error.code)];
      if (status >= 500) request.log.error({ err: error }, error.message);
      // the limits are per minute ("wait a minute"): say so to clients that read the header
      if (status === 429) reply.header('retry-after', '60');
      return reply.status(status).send(errorBodyOf(error) satisfies ErrorBody);
    }
    if (error.statusCode === 429) {
      reply.header('retry-after', '60');
      return reply.status(429).send({ error: { code: 'AUTH_RATE_LIMITED', message: 'Too many attempts. Wait a minute and try again.' } } satisfies ErrorBody);
    }
    const bodyError = error.code ? bodyErrors[error.code] : undefined;
    if (bodyError && error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: bodyError.code, message: bodyError.message({ detail: error.message, bodyLimit: request.routeOptions.bodyLimit, url: request.routeOptions.url }), field: 'body' } } satisfies ErrorBody);
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: error.code ?? 'REQUEST_INVALID', message: error.message } } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. The error has been logged; try again or contact your administrator.' } } satisfies ErrorBody);
  });
}

export function routeNotFoundBody(method: string, url: string): ErrorBody {
  return { error: { code: 'ROUTE_NOT_FOUND', message: `No route ${method} ${url.split('?')[0]}. See /api/docs for the API.` } };
}

export { statusByKind };

/** What the client sent in the part of the request that failed validation. */
function inputOf(request: FastifyRequest, context: string): unknown {
  if (context === 'params') return request.params;
  if (context === 'querystring') return request.query;
  if (context === 'headers') return undefined;
  return request.body;
}

/** The request field a validation issue is about (dotted path), if it names one. */
function fieldOf(issue: ValidationIssue): string | undefined {
  const params = issue.params as { issue?: { path?: Array<string | number> }; keys?: string[] } | undefined;
  // an unexpected key is reported on the object holding it; the key itself is the field to name
  const unexpectedKey = issue.keyword === 'unrecognized_keys' ? params?.keys?.[0] : undefined;
  return [issue.instancePath?.replace(/^\//, '').replace(/\//g, '.'), ...(params?.issue?.path ?? []).map(String), unexpectedKey].filter(Boolean).join('.') || undefined;
}

/** A validation issue as "field: message" when it names a field, so a request with several problems says which is which. */
function issueWithField(issue: ValidationIssue, input: unknown): string {
  const field = fieldOf(issue);
  const message = readableIssueMessage(issue, input);
  return field ? `${field}: ${message}` : message;
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../responses.js';
import { headersBeforeRouting } from './security-headers.js';

/**
 * How long one path segment (`/api/customers/:customerId`) may be before the router refuses it
 * unread. Every path parameter is checked by its route's zod schema, which names the parameter
 * and says what it wants; so the router's own limit (100 by default, a guard for regular
 * expression parameters, which no route has) is set high enough that a client's mistake reaches
 * that check instead. Node refuses a request line over its 16 KB header limit in any case.
 */
export const maxPathSegmentLength = 2048;

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route (so before hooks,
 * the error handler and the security-header plugin) sees the request: a path that is not valid
 * percent-encoding (`/api/customers/%E0%A4%A`), or a segment over `maxPathSegmentLength`.
 * Fastify's own answer would be another error shape (`{"error":"Bad Request","code":"FST_ERR_BAD_URL",…}`,
 * a 414 for the length) that echoes the whole path, without security headers; this gives the
 * API's one shape and the documented 400.
 */
export function frameworkErrorAnswer(options: { isBehindTls: boolean }) {
  const headers = headersBeforeRouting(options);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const message = messages[error.code];
    if (!message) {
      // an async route constraint failing: no route has one, so this is ours to fix
      request.log.error({ err: error }, 'router error');
      void reply.headers(headers).status(500).send({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. The error has been logged; try again or contact your administrator.' } } satisfies ErrorBody);
      return;
    }
    void reply.headers(headers).status(400).send({ error: { code: 'REQUEST_INVALID', message, field: 'path' } } satisfies ErrorBody);
  };
}

const messages: Record<string, string> = {
  FST_ERR_BAD_URL: 'Invalid path: it is not valid percent-encoding (a "%" must be followed by two hexadecimal digits forming UTF-8). Encode each path segment, e.g. with encodeURIComponent.',
  FST_ERR_MAX_PARAM_LENGTH: `Invalid path: a path segment is over ${maxPathSegmentLength} characters. Send the id or code the route documents (see /api/docs).`,
};

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultApiKeyRequestsPerMinute } from '../core/config.js';
import { errorResponse, type ErrorBody } from './responses.js';

/** The limit counts in fixed windows of a minute, each starting at a key's first request in it. */
const windowMs = 60_000;

export const apiKeyRateLimitedResponse = errorResponse(
  `Too many requests with this API key (API_KEY_RATE_LIMITED): each key may make a set number of requests a minute (${defaultApiKeyRequestsPerMinute} unless the server sets CLIENTELE_API_KEY_REQUESTS_PER_MINUTE); try again after Retry-After seconds. Staff sessions are not limited this way`,
);

// written out as `code: '…'` so the web's error-text test finds it and asks for its translations
const refusalCode = { code: 'API_KEY_RATE_LIMITED' } as const;

export type ApiKeyRateLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<'served' | 'refused'>;

/**
 * Counts each request an API key makes, once authentication has named the key, and answers 429
 * with Retry-After once it has made `requestsPerMinute` in its current minute. Keyed on the key's
 * id, never the address: many scripts share one address behind a NAT, and one key may move
 * between machines. Machine clients (an order feed, a BI tool) send keys; a runaway one would
 * otherwise hold the main thread, where the embedded store also runs, from everyone else. Counts
 * are in memory, per process, like the sign-in limits (@fastify/rate-limit's store).
 */
export function createApiKeyRateLimit(app: FastifyInstance, requestsPerMinute: number): ApiKeyRateLimit {
  const count = app.createRateLimit({ max: requestsPerMinute, timeWindow: windowMs, keyGenerator: keyOf });
  return async (request, reply) => {
    const counted = await count(request);
    if (counted.isAllowed) return 'served';
    // so a well-behaved client can pace itself before it is refused
    reply.header('x-ratelimit-limit', String(counted.max));
    reply.header('x-ratelimit-remaining', String(counted.remaining));
    reply.header('x-ratelimit-reset', String(counted.ttlInSeconds));
    if (!counted.isExceeded) return 'served';
    const retryAfterSeconds = Math.max(1, counted.ttlInSeconds);
    const body: ErrorBody = {
      error: {
        code: refusalCode.code,
        message: `This API key has made more than ${counted.max} requests in the current minute; the limit is ${counted.max} requests a minute for each API key. Retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} (the Retry-After header), and spread the requests out or send more records per request.`,
        details: { limitPerMinute: counted.max, retryAfterSeconds },
      },
    };
    reply.code(429).header('retry-after', String(retryAfterSeconds)).send(body);
    return 'refused';
  };
}

function keyOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.kind !== 'api-key') throw new Error('The API key rate limit ran on a request not authenticated by an API key; call it only after authentication names a key.');
  return `api-key:${principal.apiKeyId}`;
}

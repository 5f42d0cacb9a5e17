import type { FastifyReply, FastifyRequest } from 'fastify';
import { createAttemptCounter, secondsLeftInWindow } from '../auth/attempt-limiter.js';
import { defaultApiKeyRequestsPerMinute } from '../core/config.js';
import type { Store } from '../db/client.js';
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
 * otherwise hold the main thread, where the embedded store also runs, from everyone else. Counted
 * like the sign-in limits (auth/attempt-limiter.ts): in memory on the embedded store, in the
 * database on a server store, so a key gets its minute's requests once however many processes
 * serve it. A store error while counting is answered as any other (503 while it is unreachable),
 * never by serving the request uncounted.
 */
export function createApiKeyRateLimit(store: Pick<Store, 'kind' | 'db'>, requestsPerMinute: number): ApiKeyRateLimit {
  const counter = createAttemptCounter(store, { name: 'api-key', max: requestsPerMinute, windowMs });
  return async (request, reply) => {
    // the server's own clock, not the app's: a test or an --as-of run moving "now" must not move the minute
    const now = new Date();
    const counted = await counter.attempt(keyOf(request), now);
    const secondsLeft = secondsLeftInWindow(counted, windowMs, now);
    // so a well-behaved client can pace itself before it is refused
    reply.header('x-ratelimit-limit', String(requestsPerMinute));
    reply.header('x-ratelimit-remaining', String(Math.max(0, requestsPerMinute - counted.count)));
    reply.header('x-ratelimit-reset', String(secondsLeft));
    if (counted.isAllowed) return 'served';
    const body: ErrorBody = {
      error: {
        code: refusalCode.code,
        message: `This API key has made more than ${requestsPerMinute} requests in the current minute; the limit is ${requestsPerMinute} requests a minute for each API key. Retry in ${secondsLeft} second${secondsLeft === 1 ? '' : 's'} (the Retry-After header), and spread the requests out or send more records per request.`,
        details: { limitPerMinute: requestsPerMinute, retryAfterSeconds: secondsLeft },
      },
    };
    reply.code(429).header('retry-after', String(secondsLeft)).send(body);
    return 'refused';
  };
}

function keyOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.kind !== 'api-key') throw new Error('The API key rate limit ran on a request not authenticated by an API key; call it only after authentication names a key.');
  return String(principal.apiKeyId);
}

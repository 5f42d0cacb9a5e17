import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { buildApp } from './app.js';

const limit = 3;

describeEachStore('the API-key request limit over HTTP', (context) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false, apiKeyRequestsPerMinute: limit }, clock: fixedClock('2025-01-01T00:00:00Z') });
  });
  afterAll(async () => app?.close());
  afterEach(() => vi.useRealTimers());

  const list = (headers: AuthHeaders) => app.inject({ method: 'GET', url: '/api/customers', headers });

  it('answers a key\'s request over the limit 429 API_KEY_RATE_LIMITED with Retry-After, naming the limit, and still serves another key', async () => {
    const key = await createTestApiKey(context.store, ['read']);
    const other = await createTestApiKey(context.store, ['read']);
    for (let request = 1; request <= limit; request += 1) {
      const served = await list(key.headers);
      expect(served.statusCode).toBe(200);
      expect(served.headers['x-ratelimit-limit']).toBe(String(limit));
      expect(served.headers['x-ratelimit-remaining']).toBe(String(limit - request));
    }

    const refused = await list(key.headers);
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json().error).toEqual({
      code: 'API_KEY_RATE_LIMITED',
      message: `This API key has made more than 3 requests in the current minute; the limit is 3 requests a minute for each API key. Retry in ${retryAfter} second${retryAfter === 1 ? '' : 's'} (the Retry-After header), and spread the requests out or send more records per request.`,
      details: { limitPerMinute: 3, retryAfterSeconds: retryAfter },
    });

    // counted per key, not per address: both keys come from the same address
    expect((await list(other.headers)).statusCode).toBe(200);
  });

  it('does not limit a staff session or a public route', async () => {
    const analyst = await signInAs(context.store, 'analyst');
    for (let request = 0; request <= limit + 2; request += 1) {
      const response = await list(analyst.readHeaders);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
    for (let request = 0; request <= limit + 2; request += 1) {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    }
  });

  it('serves the key again in the next minute', async () => {
    // the limiter reads Date.now (not the app's clock); fake only Date, so the stores' timers run
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z'));
    const key = await createTestApiKey(context.store, ['read']);
    for (let request = 1; request <= limit; request += 1) expect((await list(key.headers)).statusCode).toBe(200);
    const refused = await list(key.headers);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');

    vi.setSystemTime(new Date('2026-06-01T10:00:59Z'));
    expect((await list(key.headers)).statusCode).toBe(429);
    vi.setSystemTime(new Date('2026-06-01T10:01:00Z'));
    const served = await list(key.headers);
    expect(served.statusCode).toBe(200);
    expect(served.headers['x-ratelimit-remaining']).toBe(String(limit - 1));
  });
});

describe('CLIENTELE_API_KEY_REQUESTS_PER_MINUTE', () => {
  it('sets the limit, defaults to 600 and refuses what is not a whole number of at least 1, naming the variable', () => {
    expect(loadConfig({}).apiKeyRequestsPerMinute).toBe(600);
    expect(loadConfig({ CLIENTELE_API_KEY_REQUESTS_PER_MINUTE: '120' }).apiKeyRequestsPerMinute).toBe(120);
    for (const value of ['0', '-5', '2.5', 'lots']) {
      expect(() => loadConfig({ CLIENTELE_API_KEY_REQUESTS_PER_MINUTE: value })).toThrow(`CLIENTELE_API_KEY_REQUESTS_PER_MINUTE must be a whole number of requests of at least 1 (default 600), got "${value}".`);
    }
  });
});

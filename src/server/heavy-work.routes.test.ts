import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from './app.js';
import { heavyWork, heavyWorkInFlight, maxHeavyWorkInFlight } from './heavy-work.js';

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => { resolve = done; });
  return { promise, resolve };
}

/** A heavy request held in flight by the test's own route until the test lets it finish, or fail. */
type Hold = { entered: Deferred<FastifyRequest>; outcome: Deferred<'answer' | 'fail'> };

// every heavy route, with a body it accepts, so that the refusal is the limit's and not the schema's
const heavyRoutes = [
  { method: 'POST', url: '/api/models/fit', payload: {} },
  { method: 'POST', url: '/api/models/validate', payload: { calibrationEnd: '2024-01-01', holdoutEnd: '2024-06-01' } },
  { method: 'POST', url: '/api/models/predict', payload: {} },
  { method: 'POST', url: '/api/analytics/analyze', payload: {} },
  { method: 'PATCH', url: '/api/analytics/policy', payload: { newWithinDays: 45 } },
  { method: 'POST', url: '/api/personas/discover', payload: {} },
  { method: 'POST', url: '/api/personas/assign', payload: {} },
  { method: 'POST', url: '/api/drift', payload: { before: { from: '2024-01-01', to: '2024-02-01' }, after: { from: '2024-02-01', to: '2024-03-01' } } },
  { method: 'POST', url: '/api/segments/refresh', payload: undefined },
] as const;
const validation = heavyRoutes[1];
const drift = heavyRoutes[7];

describeEachStore('heavy work over HTTP', (context) => {
  let app: FastifyInstance;
  const holds = new Map<string, Hold>();
  let sequence = 0;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    app.post('/api/test/held-work', { config: { access: { permission: 'analytics:read' } }, schema: { hide: true }, ...heavyWork('test work') }, async (request) => {
      const hold = holds.get(String(request.headers['x-hold']))!;
      hold.entered.resolve(request);
      if ((await hold.outcome.promise) === 'fail') throw new Error('the held work failed');
      return { done: true };
    });
  });
  afterAll(async () => app?.close());
  // a failed test must not leave its work holding a slot for the next
  afterEach(() => {
    for (const hold of holds.values()) hold.outcome.resolve('answer');
    holds.clear();
  });

  /** Starts held work as `headers`' caller; resolves once it runs (holds its slot). */
  async function holdWork(headers: AuthHeaders) {
    sequence += 1;
    const name = `hold-${sequence}`;
    const hold: Hold = { entered: deferred(), outcome: deferred() };
    holds.set(name, hold);
    const response = app.inject({ method: 'POST', url: '/api/test/held-work', headers: { ...headers, 'x-hold': name } });
    await hold.entered.promise;
    return { name, response, hold, finish: (outcome: 'answer' | 'fail' = 'answer') => hold.outcome.resolve(outcome) };
  }

  const send = (route: (typeof heavyRoutes)[number], headers: AuthHeaders) => app.inject({ method: route.method, url: route.url, headers, ...(route.payload === undefined ? {} : { payload: route.payload }) });

  it('refuses a caller\'s second heavy request while the first runs, saying so, and lets the next one through once it ends', async () => {
    const key = await createTestApiKey(context.store, ['read']);
    const other = await createTestApiKey(context.store, ['read']);
    const held = await holdWork(key.headers);

    const again = await app.inject({ method: 'POST', url: '/api/test/held-work', headers: { ...key.headers, 'x-hold': 'never-entered' } });
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('10');
    expect(again.json().error).toMatchObject({ code: 'HEAVY_WORK_CALLER_RATE_LIMITED', message: 'Another test work of yours is still running; try again when it finishes.' });
    const validating = await send(validation, key.headers);
    expect(validating.statusCode).toBe(429);
    expect(validating.json().error).toEqual({
      code: 'HEAVY_WORK_CALLER_RATE_LIMITED', message: 'Your test work is still running; start the model validation when it finishes.', details: { running: 'test work', retryAfterSeconds: 10 },
    });
    // someone else is not held up by this caller's work
    expect((await send(validation, other.headers)).statusCode).not.toBe(429);

    held.finish();
    expect((await held.response).statusCode).toBe(200);
    expect((await send(validation, key.headers)).statusCode).not.toBe(429);
    expect(heavyWorkInFlight()).toBe(0);
  });

  it(`runs at most ${maxHeavyWorkInFlight} heavy requests in the server, while light requests still answer`, async () => {
    const analyst = await signInAs(context.store, 'analyst');
    const key = await createTestApiKey(context.store, ['read']);
    const third = await createTestApiKey(context.store, ['read']);
    const running = [await holdWork(analyst.headers), await holdWork(key.headers)];

    const refused = await send(drift, third.headers);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json().error).toMatchObject({ code: 'HEAVY_WORK_SERVER_RATE_LIMITED', message: 'The server is busy with other heavy work (model fits, analyses, persona discovery…); try the drift comparison again in a few seconds.' });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    running[0]!.finish();
    await running[0]!.response;
    expect((await send(drift, third.headers)).statusCode).not.toBe(429);
    running[1]!.finish();
    await running[1]!.response;
    expect(heavyWorkInFlight()).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const key = await createTestApiKey(context.store, ['read']);
    const held = await holdWork(key.headers);
    held.finish('fail');
    expect((await held.response).statusCode).toBe(500);
    expect(heavyWorkInFlight()).toBe(0);
    expect((await send(validation, key.headers)).statusCode).not.toBe(429);
  });

  it('keeps the slot of a caller who hung up while their work goes on, and frees it when the work ends', async () => {
    const key = await createTestApiKey(context.store, ['read']);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const name = 'hung-up';
    const hold: Hold = { entered: deferred(), outcome: deferred() };
    holds.set(name, hold);
    const client = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/test/held-work', headers: { ...key.headers, 'x-hold': name } });
    client.on('error', () => undefined);
    client.end();
    const request = await hold.entered.promise;
    const closed = new Promise((done) => request.raw.once('close', done));
    client.destroy();
    await closed;

    // the work still runs on the server: hanging up and asking again would pile it up
    expect((await send(validation, key.headers)).statusCode).toBe(429);
    hold.outcome.resolve('answer');
    await vi.waitFor(() => expect(heavyWorkInFlight()).toBe(0));
    expect((await send(validation, key.headers)).statusCode).not.toBe(429);
  });

  it('guards every heavy route, for sessions and API keys alike', async () => {
    const owner = await signInAs(context.store, 'owner');
    const held = await holdWork(owner.headers);
    for (const route of heavyRoutes) {
      const response = await send(route, owner.headers);
      expect({ url: route.url, status: response.statusCode, code: response.json().error?.code }).toEqual({ url: route.url, status: 429, code: 'HEAVY_WORK_CALLER_RATE_LIMITED' });
    }
    held.finish();
    await held.response;

    // the read role reaches the ones it may call, and each frees its slot whatever it answers
    const key = await createTestApiKey(context.store, ['read']);
    for (const route of [validation, drift]) {
      expect((await send(route, key.headers)).statusCode).not.toBe(429);
      expect(heavyWorkInFlight()).toBe(0);
    }
  });
});

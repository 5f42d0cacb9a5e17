import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';
import { registeredRoutes } from './authenticate.js';
import { acceptedQueryKeys } from './query-keys.js';

describe('the query parameters a querystring schema accepts', () => {
  it('reads them from an object, under refinements, pipes, unions and intersections', () => {
    const paging = z.object({ limit: z.coerce.number(), cursor: z.string().optional() });
    expect(acceptedQueryKeys(undefined)).toEqual([]);
    expect(acceptedQueryKeys(paging)).toEqual(['limit', 'cursor']);
    expect(acceptedQueryKeys(paging.refine((query) => query.limit > 0))).toEqual(['limit', 'cursor']);
    expect(acceptedQueryKeys(paging.transform((query) => query.limit))).toEqual(['limit', 'cursor']);
    expect(acceptedQueryKeys(z.union([paging, z.object({ after: z.string() })]))).toEqual(['limit', 'cursor', 'after']);
    expect(acceptedQueryKeys(z.intersection(paging, z.object({ q: z.string() })))).toEqual(['limit', 'cursor', 'q']);
    expect(acceptedQueryKeys(z.record(z.string(), z.string()))).toBeNull();
  });

  it('refuses a schema it cannot read names from, rather than let anything through', () => {
    expect(() => acceptedQueryKeys(z.string())).toThrow(/use a zod object/);
  });
});

/**
 * An unknown query parameter was ignored: `?minSpend=abc` (for minRevenueMinor) answered the
 * whole unfiltered list with 200, so a typo looked like a result. The routes come from the app
 * itself, so a route added later is checked too.
 */
describeEachStore('unknown query parameters over HTTP', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    await app.ready();
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => app?.close());

  it('refuses a misspelt customer filter naming it and the parameters the list accepts', async () => {
    const typo = await app.inject({ method: 'GET', url: '/api/customers?minSpend=abc', headers: owner.readHeaders });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'minSpend', details: { context: 'query', unknown: ['minSpend'] } });
    expect(typo.json().error.message).toBe('Unknown query parameter "minSpend". GET /api/customers accepts: q, status, channel, city, minRevenueMinor, type, rfmSegment, sort, cursor, limit, consent.');
    const two = await app.inject({ method: 'GET', url: '/api/customers?fooBar=1&limit=5&_=17', headers: owner.readHeaders });
    expect(two.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'fooBar', details: { unknown: ['fooBar', '_'] } });
    expect(two.json().error.message).toContain('Unknown query parameters "fooBar", "_".');
    const known = await app.inject({ method: 'GET', url: '/api/customers?minRevenueMinor=0&limit=5', headers: owner.readHeaders });
    expect(known.statusCode, known.body).toBe(200);
  });

  it('suggests the parameter a misspelt one most likely means', async () => {
    const typo = await app.inject({ method: 'GET', url: '/api/customers?tpye=vip&limt=10&min_revenue_minor=5', headers: owner.readHeaders });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({
      code: 'REQUEST_INVALID', field: 'tpye',
      details: { context: 'query', unknown: ['tpye', 'limt', 'min_revenue_minor'], suggestions: { tpye: 'type', limt: 'limit', min_revenue_minor: 'minRevenueMinor' } },
    });
    expect(typo.json().error.message).toContain('Use "type" instead of "tpye", "limit" instead of "limt" and "minRevenueMinor" instead of "min_revenue_minor". GET /api/customers accepts:');
  });

  it('names only the first 20 unknown parameters, however many a request sends', async () => {
    const many = Array.from({ length: 1000 }, (_, index) => `unused${index}=1`).join('&');
    const refused = await app.inject({ method: 'GET', url: `/api/customers?tpye=vip&${'x'.repeat(5000)}=1&${many}`, headers: owner.readHeaders });
    expect(refused.statusCode).toBe(400);
    const error = refused.json().error;
    expect(error.details.unknown).toHaveLength(20);
    expect(error.details.unknown[1]).toBe(`${'x'.repeat(64)}…`);
    expect(error.details.suggestions).toEqual({ tpye: 'type' });
    expect(error.message).toContain('and 982 more.');
    expect(refused.body.length).toBeLessThan(3000);
  });

  it('says so when a route takes no query parameters at all', async () => {
    const refused = await app.inject({ method: 'GET', url: '/api/segments?fooBar=1', headers: owner.readHeaders });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('Unknown query parameter "fooBar": GET /api/segments takes no query parameters. Remove it and send again.');
  });

  it('refuses an unknown parameter on every API route, before the route does anything', async () => {
    const routes = registeredRoutes(app).filter((route) => route.url.startsWith('/api/') && route.access !== undefined && route.method !== 'HEAD');
    expect(routes.filter((route) => route.method === 'GET').length).toBeGreaterThan(30);
    for (const route of routes) {
      const url = `${route.url.replace(/:([A-Za-z]+)/g, '1')}?fooBar=1`;
      const response = await app.inject({ method: route.method as 'GET', url, headers: route.method === 'GET' ? owner.readHeaders : owner.headers });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode, code: response.json().error?.code, field: response.json().error?.field })
        .toEqual({ route: `${route.method} ${route.url}`, status: 400, code: 'REQUEST_INVALID', field: 'fooBar' });
      expect(response.json().error.message).toContain(`${route.method} ${route.url}`);
    }
  });

  it('still asks who is calling first, and leaves the web app and the docs alone', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/customers?fooBar=1' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/health?fooBar=1' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/docs/json?fooBar=1' })).statusCode).toBe(200);
  });
});

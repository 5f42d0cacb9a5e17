import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

describeEachStore('requests no route matches', (context) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
  });
  afterAll(async () => app?.close());

  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: string) =>
    app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload });

  it('answers 404 before reading the body: a body that is not JSON, or too large, is never parsed', async () => {
    for (const [method, url] of [['POST', '/api/nowhere'], ['PUT', '/api/customers/12/nowhere'], ['DELETE', '/nowhere']] as const) {
      const response = await send(method, url, '{not json');
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining(`No route ${method} ${url}`) });
    }
    const tooLarge = await send('POST', '/api/nowhere', `"${'x'.repeat(21 * 1024 * 1024)}"`);
    expect(tooLarge.statusCode).toBe(404);
  });

  it('answers 405 with the methods it has to a known API path asked with another method, signed in or not, before reading the body', async () => {
    for (const [method, url, allow] of [
      ['PUT', '/api/customers', 'GET, HEAD, POST'], ['POST', '/api/health', 'GET, HEAD'], ['PUT', '/api/customers/12', 'DELETE, GET, HEAD, PATCH'],
      ['DELETE', '/api/customers/12/merge?x=1', 'POST'],
    ] as const) {
      const response = await send(method, url, '{not json');
      expect({ status: response.statusCode, allow: response.headers.allow }, `${method} ${url}`).toEqual({ status: 405, allow });
      const path = url.split('?')[0];
      expect(response.json().error).toEqual({
        code: 'ROUTE_METHOD_NOT_ALLOWED', message: `${path} does not take ${method}; it takes ${allow}. See /api/docs for the API.`, details: { method, allowed: allow.split(', ') },
      });
    }
    const get = await app.inject({ method: 'GET', url: '/api/merges/3/undo' });
    expect({ status: get.statusCode, allow: get.headers.allow }).toEqual({ status: 405, allow: 'POST' });
    expect((await send('POST', '/api/customers/12/merge', `"${'x'.repeat(21 * 1024 * 1024)}"`)).statusCode).toBe(401);
    expect((await send('PATCH', '/api/customers', `"${'x'.repeat(21 * 1024 * 1024)}"`)).statusCode).toBe(405);
  });

  it('still reads the body of routes that exist, and answers unknown GETs as before', async () => {
    expect((await send('POST', '/api/auth/login', '{not json')).json().error.code).toBe('REQUEST_BODY_INVALID_JSON');
    const unknown = await app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});

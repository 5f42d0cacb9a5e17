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
    for (const [method, url] of [['POST', '/api/nowhere'], ['POST', '/api/health'], ['PUT', '/api/customers'], ['DELETE', '/nowhere']] as const) {
      const response = await send(method, url, '{not json');
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining(`No route ${method} ${url}`) });
    }
    const tooLarge = await send('POST', '/api/nowhere', `"${'x'.repeat(21 * 1024 * 1024)}"`);
    expect(tooLarge.statusCode).toBe(404);
  });

  it('still reads the body of routes that exist, and answers unknown GETs as before', async () => {
    expect((await send('POST', '/api/auth/login', '{not json')).json().error.code).toBe('REQUEST_BODY_INVALID_JSON');
    const unknown = await app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { startAdminApp } from '../../../test/helpers/admin-app.js';
import { createTestUser, type TestSession } from '../../../test/helpers/auth.js';

/** A body key a route does not take is refused naming the accepted key the client most likely meant, on every route alike. */
describeEachStore('unknown body keys over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let customerId: number;

  beforeAll(async () => { ({ app, admin, customerId } = await startAdminApp(context.store, 'Ayu')); });
  afterAll(async () => app?.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: object, headers: Record<string, string> = admin.headers) => app.inject({ method, url, headers, payload });

  it('suggests the camelCase key for a snake_case one copied from a response', async () => {
    // (the customer write bodies take the snake_case names their answers carry as aliases: a route without them)
    const response = await send('PATCH', '/api/settings', { default_country: 'LV' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'default_country',
      message: expect.stringMatching(/"default_country".*Use "defaultCountry" instead of "default_country"\.$/),
      details: { context: 'body', hint: 'Use "defaultCountry" instead of "default_country".', suggestions: { default_country: 'defaultCountry' } },
    });
  });

  it('suggests for other letter cases, near misses and several keys at once, on other routes', async () => {
    const created = await send('POST', '/api/customers', { name: 'Bima', BirthYear: 1990, emial: 'bima@example.com' });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details).toMatchObject({ suggestions: { BirthYear: 'birthYear', emial: 'email' }, hint: 'Use "birthYear" instead of "BirthYear" and "email" instead of "emial".' });
    const settings = await send('PATCH', '/api/settings', { time_zone: 'Europe/Riga' });
    expect(settings.json().error).toMatchObject({ code: 'REQUEST_INVALID', details: { hint: 'Use "timeZone" instead of "time_zone".' } });
    const user = await createTestUser(context.store, 'agent');
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { Email: user.user.email, password: user.password } });
    expect(signIn.json().error).toMatchObject({ code: 'REQUEST_INVALID', details: { suggestions: { Email: 'email' } } });
  });

  it('adds no suggestion when no accepted key comes close', async () => {
    const response = await send('PATCH', `/api/customers/${customerId}`, { shoeSize: 42 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).not.toContain('Use');
    expect(response.json().error.details).not.toHaveProperty('hint');
  });
  it('refuses a key on routes whose schemas were written loose, instead of acting without it', async () => {
    const other = await send('POST', '/api/customers', { name: 'Citra' });
    const otherId = other.json().customer.customer_id;
    // a dry run the route does not know of would have merged for real
    const merge = await send('POST', `/api/customers/${customerId}/merge`, { otherCustomerId: otherId, dryRun: true });
    expect(merge.statusCode, merge.body).toBe(400);
    expect(merge.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'dryRun' });
    expect((await app.inject({ method: 'GET', url: `/api/customers/${otherId}`, headers: admin.headers })).statusCode, 'not merged').toBe(200);
    // as_of copied from an answer would have analysed as of today
    const analyze = await send('POST', '/api/analytics/analyze', { as_of: '2024-12-01' });
    expect(analyze.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'as_of', details: { suggestions: { as_of: 'asOf' } } });
    const key = await send('POST', '/api/api-keys', { name: 'feed', scopes: ['read'], expiresAt: '2027-01-01' });
    expect(key.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'expiresAt' });
    // a body the route may go without is still optional
    expect((await send('POST', '/api/analytics/analyze', {})).statusCode).toBe(200);
  });
});

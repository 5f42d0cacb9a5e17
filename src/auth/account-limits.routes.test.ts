import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';
import { loginLimits, passwordChangeLimits } from './auth.routes.js';

type Injected = { statusCode: number; json: () => unknown };
const outcomeOf = (response: Injected) => [response.statusCode, (response.json() as { error?: { code?: string } }).error?.code];

describeEachStore('sign-in and password limits over HTTP', (context) => {
  let app: FastifyInstance;
  let tlsApp: FastifyInstance;
  const clock = { now: () => new Date() };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    tlsApp = await buildApp({ store: context.store, config: { isBehindTls: true }, clock });
  });
  afterAll(async () => {
    await app?.close();
    await tlsApp?.close();
  });

  const login = (target: FastifyInstance, payload: unknown, headers: Record<string, string> = {}) => target.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers });

  it('behind TLS, limits and audits sign-in by the address the proxy appended, not one the client wrote', async () => {
    const proxyAppended = '203.0.113.9';
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= loginLimits.perAddress; attempt += 1) {
      const response = await login(tlsApp, { email: `spoof-${attempt}@shop.example`, password: 'guess' }, { 'x-forwarded-for': `10.0.${attempt}.1, ${proxyAppended}` });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, loginLimits.perAddress).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const failures = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'auth.sign-in.fail').execute();
    const addresses = new Set(failures.map((event) => (event.detail as { ip?: string }).ip));
    expect([...addresses]).toEqual([proxyAppended]);
  });

  it('answers 429 once a session has guessed the current password too often, even with the right one', async () => {
    const agent = await signInAs(context.store, 'agent');
    const change = (currentPassword: string) => app.inject({ method: 'POST', url: '/api/auth/password', headers: agent.headers, payload: { currentPassword, newPassword: 'a brand new passphrase' } });
    for (let attempt = 0; attempt < passwordChangeLimits.perUser; attempt += 1) {
      expect(outcomeOf(await change(`guess ${attempt}`))).toEqual([400, 'AUTH_CURRENT_PASSWORD_INVALID']);
    }
    const limited = await change(agent.password);
    expect(outcomeOf(limited)).toEqual([429, 'AUTH_RATE_LIMITED']);

    const other = await signInAs(context.store, 'agent');
    const unaffected = await app.inject({ method: 'POST', url: '/api/auth/password', headers: other.headers, payload: { currentPassword: 'wrong', newPassword: 'a brand new passphrase' } });
    expect(outcomeOf(unaffected)).toEqual([400, 'AUTH_CURRENT_PASSWORD_INVALID']);
  });

  it('refuses a sign-in body of more than a few kilobytes with 413, before parsing it', async () => {
    const response = await login(app, { email: 'a@b.c', password: 'p', pad: 'x'.repeat(1024 * 1024) });
    expect(outcomeOf(response)).toEqual([413, 'REQUEST_BODY_TOO_LARGE']);
  });

  it('refuses unknown keys in a sign-in or password change body with 400', async () => {
    const response = await login(app, { email: 'a@b.c', password: 'p', remember: true });
    expect(outcomeOf(response)).toEqual([400, 'REQUEST_INVALID']);
    const analyst = await signInAs(context.store, 'analyst');
    const change = await app.inject({ method: 'POST', url: '/api/auth/password', headers: analyst.headers, payload: { currentPassword: analyst.password, newPassword: 'a brand new passphrase', role: 'owner' } });
    expect(outcomeOf(change)).toEqual([400, 'REQUEST_INVALID']);
  });
});

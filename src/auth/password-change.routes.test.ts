import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestUser, signInAs, signInOverHttp, type AuthHeaders } from '../../test/helpers/auth.js';
import { passwordChangeLimits } from './auth.routes.js';
import { sessionCookieName } from './session-policy.js';

type AuditItem = { actor: string; action: string; entityId: string | null; detail: Record<string, unknown> };

describeEachStore('changing one\'s own password over HTTP', (context) => {
  let app: FastifyInstance;
  let auditor: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    auditor = (await signInAs(context.store, 'owner')).readHeaders;
  });
  afterAll(async () => {
    await app?.close();
  });

  const change = (headers: AuthHeaders, currentPassword: string, remoteAddress = '192.0.2.44') =>
    app.inject({ method: 'POST', url: '/api/auth/password', headers, remoteAddress, payload: { currentPassword, newPassword: 'a brand new passphrase' } });
  const auditOf = async (action: string, userId: number) => {
    const response = await app.inject({ method: 'GET', url: `/api/audit?action=${action}&entityId=${userId}&limit=200`, headers: auditor });
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: AuditItem[] }).items;
  };

  it('audits a wrong current password with the user and address, and not the password', async () => {
    const agent = await signInAs(context.store, 'agent');
    const refused = await change(agent.headers, 'my wild guess');
    expect(refused.statusCode).toBe(400);
    const events = await auditOf('auth.password.fail', agent.user.userId);
    expect(events).toEqual([expect.objectContaining({ actor: `user:${agent.user.userId}:${agent.user.email}`, entityId: String(agent.user.userId), detail: { reason: 'wrong-password', ip: '192.0.2.44' } })]);
    expect(JSON.stringify(events)).not.toContain('my wild guess');
  });

  it('audits the refusal once the attempts run out, once a window', async () => {
    const agent = await signInAs(context.store, 'agent');
    for (let attempt = 0; attempt < passwordChangeLimits.perUser; attempt += 1) expect((await change(agent.headers, `guess ${attempt}`)).statusCode).toBe(400);
    expect((await change(agent.headers, agent.password)).statusCode).toBe(429);
    expect((await change(agent.headers, 'guess again')).statusCode).toBe(429);
    expect(await auditOf('auth.password.fail', agent.user.userId)).toHaveLength(passwordChangeLimits.perUser);
    const limited = await auditOf('auth.password.rate-limited', agent.user.userId);
    expect(limited).toEqual([expect.objectContaining({ actor: `user:${agent.user.userId}:${agent.user.email}`, detail: { ip: '192.0.2.44' } })]);
    expect(JSON.stringify(limited)).not.toContain(agent.password);
  });

  it('replaces the session: the old cookie and CSRF token stop working, the new ones answer in the response', async () => {
    const person = await createTestUser(context.store, 'agent');
    const before = await signInOverHttp(app, person.user.email, person.password);
    const elsewhere = await signInOverHttp(app, person.user.email, person.password);
    // a refused change replaces nothing
    expect((await change(before.headers, 'not it')).cookies.find((candidate) => candidate.name === sessionCookieName)).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: before.headers })).statusCode).toBe(200);
    const changed = await change(before.headers, person.password);
    expect(changed.statusCode).toBe(200);
    const body = changed.json() as { user: { email: string }; csrfToken: string };
    const cookie = changed.cookies.find((candidate) => candidate.name === sessionCookieName);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.value).not.toBe(before.cookie!.value);
    expect(body.csrfToken).not.toBe(before.csrfToken);
    expect(body.user.email).toBe(person.user.email);

    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before.headers.cookie! } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: elsewhere.headers.cookie! } })).statusCode).toBe(401);
    const renewed = { cookie: `${sessionCookieName}=${cookie!.value}` };
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: renewed });
    expect([me.statusCode, (me.json() as { csrfToken: string }).csrfToken]).toEqual([200, body.csrfToken]);

    const withOldToken = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { ...renewed, 'x-csrf-token': before.csrfToken }, payload: { locale: 'lv' } });
    expect(withOldToken.statusCode).toBe(403);
    const withNewToken = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { ...renewed, 'x-csrf-token': body.csrfToken }, payload: { locale: 'lv' } });
    expect([withNewToken.statusCode, (withNewToken.json() as { locale: string }).locale]).toEqual([200, 'lv']);
  });
});

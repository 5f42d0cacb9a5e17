import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, createTestUser, signInAs, signInOverHttp, type TestSession } from '../../test/helpers/auth.js';
import { loginLimits } from './auth.routes.js';
import { parseApiKey } from './api-key-format.js';
import { sessionIdleMs } from './session-policy.js';

describeEachStore('sign-in and access over HTTP', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let clockOffsetMs = 0;
  const clock = { now: () => new Date(Date.now() + clockOffsetMs) };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const codeOf = (response: { json: () => unknown }) => (response.json() as { error: { code: string; message: string } }).error;

  it('signs in, sets an httpOnly SameSite=Lax cookie, and returns the CSRF token', async () => {
    const analyst = await createTestUser(context.store, 'analyst');
    const { response, cookie, csrfToken, headers } = await signInOverHttp(app, analyst.user.email.toUpperCase(), analyst.password);
    expect(response.statusCode).toBe(200);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(response.json()).toMatchObject({ user: { email: analyst.user.email, role: 'analyst', mustChangePassword: false }, permissions: ['account:manage', 'customers:read', 'analytics:read'] });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: headers.cookie } });
    expect(me.json()).toMatchObject({ role: 'analyst', locale: null, csrfToken, mustChangePassword: false });
  });

  it('marks the cookie Secure behind TLS', async () => {
    const tlsApp = await buildApp({ store: context.store, config: { isBehindTls: true }, clock });
    const agent = await createTestUser(context.store, 'agent');
    const { cookie } = await signInOverHttp(tlsApp, agent.user.email, agent.password);
    expect(cookie?.secure).toBe(true);
    await tlsApp.close();
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const { response, cookie } = await signInOverHttp(app, owner.user.email, 'not the password at all');
    expect(response.statusCode).toBe(401);
    expect(codeOf(response).code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(cookie).toBeUndefined();
  });

  it('answers 401 without credentials and with a malformed Authorization header', async () => {
    expect(codeOf(await app.inject({ method: 'GET', url: '/api/users' }))).toMatchObject({ code: 'AUTH_REQUIRED' });
    const malformed = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
  });

  it('answers 403 naming the permission and the role when the role lacks it', async () => {
    const analyst = await signInAs(context.store, 'analyst');
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: analyst.headers });
    expect(response.statusCode).toBe(403);
    expect(codeOf(response).code).toBe('AUTH_FORBIDDEN');
    expect(codeOf(response).message).toMatch(/users:manage.*analyst/);
  });

  it('requires the CSRF header for cookie writes', async () => {
    const payload = { email: 'csrf@shop.example', name: 'C', role: 'agent', password: 'a long enough password' };
    const missing = await app.inject({ method: 'POST', url: '/api/users', headers: owner.readHeaders, payload });
    expect([missing.statusCode, codeOf(missing).code]).toEqual([403, 'AUTH_CSRF_INVALID']);
    const wrong = await app.inject({ method: 'POST', url: '/api/users', headers: { ...owner.readHeaders, 'x-csrf-token': 'guess' }, payload });
    expect(codeOf(wrong).code).toBe('AUTH_CSRF_INVALID');
    const right = await app.inject({ method: 'POST', url: '/api/users', headers: owner.headers, payload });
    expect(right.statusCode).toBe(201);
  });

  it('shows an API key once, stores it hashed, accepts it without CSRF, and refuses it once revoked', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: owner.headers, payload: { name: 'ops', scopes: ['admin'] } });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json() as { key: string; apiKey: { apiKeyId: number } };
    const secret = parseApiKey(key)!.secret;
    const listed = await app.inject({ method: 'GET', url: '/api/api-keys', headers: owner.readHeaders });
    expect(listed.body).not.toContain(secret);
    const rows = await context.store.db.selectFrom('api_key').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);

    const write = await app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${key}` }, payload: { email: 'bykey@shop.example', name: 'K', role: 'analyst', password: 'a long enough password' } });
    expect(write.statusCode).toBe(201);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.apiKeyId}`, headers: owner.headers });
    expect(revoked.json()).toMatchObject({ apiKey: { revokedAt: expect.any(String) } });
    const refused = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${key}` } });
    expect([refused.statusCode, codeOf(refused).code]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('limits an API key to its scopes', async () => {
    const ingest = await createTestApiKey(context.store, ['ingest']);
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: ingest.headers });
    expect(response.statusCode).toBe(403);
    expect(codeOf(response).message).toMatch(/users:manage.*"ingest"/);
  });

  it('stops an admin from creating an owner', async () => {
    const admin = await signInAs(context.store, 'admin');
    const response = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'o@shop.example', name: 'O', role: 'owner' } });
    expect([response.statusCode, codeOf(response).code]).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
  });

  it('rate-limits sign-in per email from an address and per address with 429', async () => {
    const email = 'target@shop.example';
    for (let attempt = 0; attempt < loginLimits.perEmailFromAddress; attempt += 1) {
      expect((await signInOverHttp(app, email, 'guess', '10.1.0.1')).response.statusCode).toBe(401);
    }
    const limited = (await signInOverHttp(app, email, 'guess', '10.1.0.1')).response;
    expect([limited.statusCode, codeOf(limited).code, limited.headers['retry-after']]).toEqual([429, 'AUTH_RATE_LIMITED', '60']);

    for (let attempt = 0; attempt < loginLimits.perAddress; attempt += 1) await signInOverHttp(app, `sweep-${attempt}@shop.example`, 'guess', '10.2.0.1');
    expect((await signInOverHttp(app, 'sweep-last@shop.example', 'guess', '10.2.0.1')).response.statusCode).toBe(429);
  });

  it('counts IPv6 sign-in attempts by /64, so a fresh address in the same /64 for each guess is limited too', async () => {
    const email = 'ipv6-target@shop.example';
    for (let attempt = 0; attempt < loginLimits.perEmailFromAddress; attempt += 1) {
      expect((await signInOverHttp(app, email, 'guess', `2001:db8:64:1::${(attempt + 1).toString(16)}`)).response.statusCode).toBe(401);
    }
    const limited = (await signInOverHttp(app, email, 'guess', '2001:db8:64:1:ffff:ffff:ffff:ffff')).response;
    expect([limited.statusCode, codeOf(limited).code]).toEqual([429, 'AUTH_RATE_LIMITED']);
    // the next /64 is someone else
    expect((await signInOverHttp(app, email, 'guess', '2001:db8:64:2::1')).response.statusCode).toBe(401);
  });

  it('refuses a blank name for a new or renamed staff member', async () => {
    const create = await app.inject({ method: 'POST', url: '/api/users', headers: owner.headers, payload: { email: 'blank-name@shop.example', name: '   ', role: 'agent' } });
    expect([create.statusCode, codeOf(create).code, (create.json() as { error: { field?: string } }).error.field]).toEqual([400, 'USER_NAME_INVALID', 'name']);
    const agent = await createTestUser(context.store, 'agent');
    const rename = await app.inject({ method: 'PATCH', url: `/api/users/${agent.user.userId}`, headers: owner.headers, payload: { name: ' \t ' } });
    expect([rename.statusCode, codeOf(rename).code]).toEqual([400, 'USER_NAME_INVALID']);
    const users = (await app.inject({ method: 'GET', url: '/api/users', headers: owner.readHeaders })).json() as { items: { email: string; name: string }[] };
    expect(users.items.find((user) => user.email === 'blank-name@shop.example')).toBeUndefined();
    expect(users.items.find((user) => user.email === agent.user.email)?.name).toBe(agent.user.name);
  });

  it('audits the first sign-in refused by the rate limit in a window, and not the flood after it', async () => {
    const email = 'flooded@shop.example';
    for (let attempt = 0; attempt < loginLimits.perEmailFromAddress; attempt += 1) await signInOverHttp(app, email, 'guess', '10.3.0.1');
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInOverHttp(app, email, 'guess', '10.3.0.1')).response.statusCode).toBe(429);
    const audit = await app.inject({ method: 'GET', url: '/api/audit?action=auth.sign-in.rate-limited&limit=200', headers: owner.readHeaders });
    const entries = (audit.json() as { items: Array<{ actor: string; detail: { email?: string; ip?: string; limits?: string[] } }> }).items.filter((item) => item.detail.email === email);
    expect(entries).toEqual([expect.objectContaining({ actor: 'anonymous', detail: { email, ip: '10.3.0.1', limits: ['email'] } })]);
  });

  it('lets a staff member sign in from their own address while someone else fails on their email from another', async () => {
    const agent = await createTestUser(context.store, 'agent');
    const attacker = '198.51.100.7';
    for (let attempt = 0; attempt < loginLimits.perEmailFromAddress; attempt += 1) {
      expect((await signInOverHttp(app, agent.user.email, `guess ${attempt}`, attacker)).response.statusCode).toBe(401);
    }
    const fromElsewhere = (await signInOverHttp(app, agent.user.email, agent.password, '192.0.2.20')).response;
    expect(fromElsewhere.statusCode, fromElsewhere.body).toBe(200);
    // the guessing address stays limited on that email, even with the right password
    const fromAttacker = (await signInOverHttp(app, agent.user.email, agent.password, attacker)).response;
    expect([fromAttacker.statusCode, codeOf(fromAttacker).code]).toEqual([429, 'AUTH_RATE_LIMITED']);
  });

  it('refuses a disabled user, at sign-in and on an open session', async () => {
    const marketer = await signInAs(context.store, 'marketer');
    const disabled = await app.inject({ method: 'PATCH', url: `/api/users/${marketer.user.userId}`, headers: owner.headers, payload: { disabled: true } });
    expect(disabled.json()).toMatchObject({ user: { disabledAt: expect.any(String) } });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: marketer.readHeaders })).statusCode).toBe(401);
    expect((await signInOverHttp(app, marketer.user.email, marketer.password)).response.statusCode).toBe(401);
  });

  it('reads the role on every request: a demoted admin\'s open session is refused its next write with 403', async () => {
    const admin = await signInAs(context.store, 'admin');
    const before = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Before demotion' } });
    expect(before.statusCode, before.body).toBe(201);
    const demoted = await app.inject({ method: 'PATCH', url: `/api/users/${admin.user.userId}`, headers: owner.headers, payload: { role: 'analyst' } });
    expect(demoted.json()).toMatchObject({ user: { role: 'analyst' } });
    const after = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'After demotion' } });
    expect({ status: after.statusCode, code: codeOf(after).code }).toEqual({ status: 403, code: 'AUTH_FORBIDDEN' });
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: admin.readHeaders })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.readHeaders })).json()).toMatchObject({ role: 'analyst', permissions: ['account:manage', 'customers:read', 'analytics:read'] });
  });

  it('makes a user with a one-time password change it before doing anything else', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: owner.headers, payload: { email: 'new@shop.example', name: 'New', role: 'agent' } });
    const { oneTimePassword } = created.json() as { oneTimePassword: string };
    const signedIn = await signInOverHttp(app, 'new@shop.example', oneTimePassword);
    expect(signedIn.response.json()).toMatchObject({ user: { mustChangePassword: true } });
    const blocked = await app.inject({ method: 'GET', url: '/api/customers', headers: signedIn.headers });
    expect([blocked.statusCode, codeOf(blocked).code]).toEqual([403, 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN']);
    const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: signedIn.headers, payload: { currentPassword: oneTimePassword, newPassword: 'my very own password' } });
    expect(changed.statusCode).toBe(200);
    // the session goes on under a new cookie; the one signed in with the one-time password has ended
    const cookie = changed.cookies.find((candidate) => candidate.name === 'clientele_session')!;
    const renewed = { cookie: `clientele_session=${cookie.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: signedIn.headers })).statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: renewed });
    expect(me.json()).toMatchObject({ mustChangePassword: false, csrfToken: (changed.json() as { csrfToken: string }).csrfToken });
    expect([401, 403]).not.toContain((await app.inject({ method: 'GET', url: '/api/customers', headers: renewed })).statusCode);
  });

  it('resets a forgotten password to a one-time password that ends every session, for those who may change the user', async () => {
    const forgetful = await createTestUser(context.store, 'agent');
    const session = await signInOverHttp(app, forgetful.user.email, forgetful.password);
    const reset = await app.inject({ method: 'POST', url: `/api/users/${forgetful.user.userId}/reset-password`, headers: owner.headers });
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword, user } = reset.json() as { oneTimePassword: string; user: { mustChangePassword: boolean } };
    expect(user.mustChangePassword).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode).toBe(401);
    expect((await signInOverHttp(app, forgetful.user.email, forgetful.password)).response.statusCode).toBe(401);
    const again = await signInOverHttp(app, forgetful.user.email, oneTimePassword);
    expect(again.response.json()).toMatchObject({ user: { mustChangePassword: true } });
    const audit = await app.inject({ method: 'GET', url: `/api/audit?action=user.password.reset&entityId=${forgetful.user.userId}`, headers: owner.readHeaders });
    expect((audit.json() as { items: unknown[] }).items).toHaveLength(1);

    const admin = await signInAs(context.store, 'admin');
    const otherOwner = await createTestUser(context.store, 'owner');
    const refused = await app.inject({ method: 'POST', url: `/api/users/${otherOwner.user.userId}/reset-password`, headers: admin.headers });
    expect([refused.statusCode, codeOf(refused).code]).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
    const self = await app.inject({ method: 'POST', url: `/api/users/${admin.user.userId}/reset-password`, headers: admin.headers });
    expect([self.statusCode, codeOf(self).code]).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
    const marketer = await signInAs(context.store, 'marketer');
    expect((await app.inject({ method: 'POST', url: `/api/users/${forgetful.user.userId}/reset-password`, headers: marketer.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/users/999999/reset-password', headers: owner.headers })).statusCode).toBe(404);
  });

  it('sets the locale and refuses unknown ones', async () => {
    const agent = await signInAs(context.store, 'agent');
    expect((await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: agent.headers, payload: { locale: 'lv' } })).json()).toMatchObject({ locale: 'lv' });
    expect((await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: agent.headers, payload: { locale: 'de' } })).statusCode).toBe(400);
  });

  it('signs out and ends sessions idle for more than 12 hours', async () => {
    const agent = await signInAs(context.store, 'agent');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: agent.headers });
    expect(out.cookies.find((cookie) => cookie.name === 'clientele_session')?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: agent.readHeaders })).statusCode).toBe(401);

    const idle = await signInAs(context.store, 'agent');
    clockOffsetMs = sessionIdleMs + 60_000;
    const expired = await app.inject({ method: 'GET', url: '/api/auth/me', headers: idle.readHeaders });
    clockOffsetMs = 0;
    expect([expired.statusCode, codeOf(expired).code]).toEqual([401, 'AUTH_SESSION_EXPIRED']);
  });

  it('writes audit events and pages through them newest first', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/audit?limit=3', headers: owner.readHeaders });
    const page = first.json() as { items: Array<{ auditId: number; action: string }>; nextCursor: string };
    expect(page.items).toHaveLength(3);
    const second = (await app.inject({ method: 'GET', url: `/api/audit?limit=500&cursor=${page.nextCursor}`, headers: owner.readHeaders })).statusCode;
    expect(second).toBe(400);
    const rest = (await app.inject({ method: 'GET', url: `/api/audit?limit=200&cursor=${page.nextCursor}`, headers: owner.readHeaders })).json() as typeof page;
    expect(Math.max(...rest.items.map((item) => item.auditId))).toBeLessThan(Math.min(...page.items.map((item) => item.auditId)));
    const actions = new Set([...page.items, ...rest.items].map((item) => item.action));
    for (const action of ['auth.sign-in', 'auth.sign-in.fail', 'auth.sign-out', 'user.create', 'user.update', 'user.password.change', 'api-key.create', 'api-key.revoke']) expect(actions).toContain(action);
  });

  it('keeps the audit entries from a time on, and refuses a time without an offset, naming the field', async () => {
    const all = (await app.inject({ method: 'GET', url: '/api/audit?limit=200', headers: owner.readHeaders })).json() as { items: unknown[] };
    const since = (when: string) => app.inject({ method: 'GET', url: `/api/audit?limit=200&since=${encodeURIComponent(when)}`, headers: owner.readHeaders });
    expect(((await since('2000-01-01T00:00:00+07:00')).json() as { items: unknown[] }).items).toHaveLength(all.items.length);
    expect(((await since('2100-01-01T00:00:00Z')).json() as { items: unknown[] }).items).toEqual([]);
    const refused = await since('2026-03-01');
    expect([refused.statusCode, (refused.json() as { error: { field?: string } }).error.field]).toEqual([400, 'since']);
  });

  it('refuses an audit cursor it did not hand out with 400 PAGINATION_CURSOR_INVALID', async () => {
    for (const cursor of ['99999999999999999999999', '9007199254740993', 'abc', '-1']) {
      const response = await app.inject({ method: 'GET', url: `/api/audit?cursor=${cursor}`, headers: owner.readHeaders });
      expect(response.statusCode, cursor).toBe(400);
      expect(codeOf(response), cursor).toMatchObject({ code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
    }
  });
});

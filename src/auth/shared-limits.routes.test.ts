import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { buildApp } from '../server/app.js';
import { createTestUser, signInAs, signInOverHttp } from '../../test/helpers/auth.js';
import { loginLimits, passwordChangeLimits } from './auth.routes.js';

const serverUrl = process.env.TEST_DATABASE_URL;

type Injected = { statusCode: number; json: () => unknown };
const codeOf = (response: Injected) => (response.json() as { error?: { code?: string } }).error?.code;

describe.skipIf(!serverUrl)('sign-in and password limits with two server processes on one database', () => {
  // two apps, each on a store with its own pool: two processes behind a round-robin proxy
  let stores: Store[] = [];
  let apps: FastifyInstance[] = [];
  let drop: () => Promise<void>;
  const clock = { now: () => new Date() };

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'test');
    drop = scratch.drop;
    stores = [await openStore(scratch.url), await openStore(scratch.url)];
    await migrate(stores[0]);
    apps = await Promise.all(stores.map((store) => buildApp({ store, config: { isBehindTls: false }, clock })));
  }, 240_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await drop?.();
  });

  const alternating = (attempt: number) => apps[attempt % 2];
  const rateLimitedAudit = async (action: string) =>
    stores[0].db.selectFrom('audit_event').select(['actor', 'entity_id', 'detail']).where('action', '=', action).execute();

  it('refuses failed sign-ins alternating between the processes once the shared limit is reached, even with the right password', async () => {
    const agent = await createTestUser(stores[0], 'agent');
    for (let attempt = 0; attempt < loginLimits.perEmailFromAddress; attempt += 1) {
      expect((await signInOverHttp(alternating(attempt), agent.user.email, `guess ${attempt}`, '198.51.100.40')).response.statusCode).toBe(401);
    }
    for (const app of apps) {
      const refused = (await signInOverHttp(app, agent.user.email, agent.password, '198.51.100.40')).response;
      expect([refused.statusCode, codeOf(refused), refused.headers['retry-after']]).toEqual([429, 'AUTH_RATE_LIMITED', '60']);
    }
    // the email's limit is per address: its owner signs in from their own, on either process
    expect((await signInOverHttp(apps[1], agent.user.email, agent.password, '192.0.2.41')).response.statusCode).toBe(200);
  });

  it('refuses a sweep across many emails from one address, alternating, at the shared per-address limit', async () => {
    for (let attempt = 0; attempt < loginLimits.perAddress; attempt += 1) {
      expect((await signInOverHttp(alternating(attempt), `sweep-${attempt}@shop.example`, 'guess', '198.51.100.50')).response.statusCode).toBe(401);
    }
    for (const app of apps) expect((await signInOverHttp(app, 'sweep-last@shop.example', 'guess', '198.51.100.50')).response.statusCode).toBe(429);
  });

  it('audits the first refusal of a window once, however the attempts and refusals are spread over the processes', async () => {
    const email = 'shared-flood@shop.example';
    const answers = await Promise.all(Array.from({ length: loginLimits.perEmailFromAddress + 8 }, (_, attempt) => signInOverHttp(alternating(attempt), email, 'guess', '198.51.100.60')));
    const statuses = answers.map(({ response }) => response.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(loginLimits.perEmailFromAddress);
    expect(statuses.filter((status) => status === 429)).toHaveLength(8);
    const entries = (await rateLimitedAudit('auth.sign-in.rate-limited')).filter((entry) => (entry.detail as { email?: string }).email === email);
    expect(entries).toEqual([expect.objectContaining({ actor: 'anonymous', detail: { email, ip: '198.51.100.60', limits: ['email'] } })]);
  });

  it('limits password changes per user across the processes, audited once', async () => {
    const agent = await signInAs(stores[0], 'agent');
    const change = (app: FastifyInstance, currentPassword: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers: agent.headers, remoteAddress: '192.0.2.70', payload: { currentPassword, newPassword: 'a brand new passphrase' } });
    for (let attempt = 0; attempt < passwordChangeLimits.perUser; attempt += 1) {
      expect(codeOf(await change(alternating(attempt), `guess ${attempt}`))).toBe('AUTH_CURRENT_PASSWORD_INVALID');
    }
    for (const app of apps) {
      const refused = await change(app, agent.password);
      expect([refused.statusCode, codeOf(refused)]).toEqual([429, 'AUTH_RATE_LIMITED']);
    }
    const entries = (await rateLimitedAudit('auth.password.rate-limited')).filter((entry) => entry.entity_id === String(agent.user.userId));
    expect(entries).toEqual([expect.objectContaining({ detail: { ip: '192.0.2.70' } })]);
  });

  it('keeps no email or address in clear among the counts', async () => {
    const keys = (await stores[0].db.selectFrom('attempt_window').select('key').execute()).map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => /@|198\.51\.100|192\.0\.2/.test(key))).toEqual([]);
  });

  it('refuses a sign-in it could not count rather than letting it through, even with the right password', async () => {
    const agent = await createTestUser(stores[0], 'agent');
    // the counts' table gone: a store failing on this statement alone
    await sql`alter table attempt_window rename to attempt_window_away`.execute(stores[0].db);
    try {
      const { response, cookie } = await signInOverHttp(apps[0], agent.user.email, agent.password, '192.0.2.80');
      expect([response.statusCode, codeOf(response), cookie]).toEqual([500, 'INTERNAL_ERROR', undefined]);
    } finally {
      await sql`alter table attempt_window_away rename to attempt_window`.execute(stores[0].db);
    }
    expect((await signInOverHttp(apps[1], agent.user.email, agent.password, '192.0.2.80')).response.statusCode).toBe(200);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { loginLimits } from '../auth/auth.routes.js';

/**
 * Behind TLS, X-Forwarded-For is believed only from a proxy: loopback or CLIENTELE_TRUSTED_PROXIES.
 * request.ip is observed where it matters, in the sign-in limit and the audit log.
 */
describeEachStore('the client address behind TLS', (context) => {
  let app: FastifyInstance;
  const clock = { now: () => new Date() };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: true, trustedProxies: ['10.0.0.0/8', '192.168.1.5/32'] }, clock });
  });
  afterAll(async () => {
    await app?.close();
  });

  const failSignIn = (email: string, remoteAddress: string, forwardedFor: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'a guess' }, remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  const addressesAudited = async (email: string) => {
    const failures = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'auth.sign-in.fail').execute();
    return failures.map((event) => event.detail as { email: string; ip?: string }).filter((detail) => detail.email === email).map((detail) => detail.ip);
  };

  it('ignores the header from a client connecting directly: it is limited and audited by its own address', async () => {
    const email = 'direct@shop.example';
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= loginLimits.perEmailFromAddress + 2; attempt += 1) {
      statuses.push((await failSignIn(email, '198.51.100.7', `10.0.0.${attempt}`)).statusCode);
    }
    expect(statuses.slice(0, loginLimits.perEmailFromAddress).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(loginLimits.perEmailFromAddress)).toEqual([429, 429]);
    expect(new Set(await addressesAudited(email))).toEqual(new Set(['198.51.100.7']));
  });

  it('ignores the header from an IPv6 client connecting directly', async () => {
    await failSignIn('direct6@shop.example', '2001:db8::9', '203.0.113.1');
    expect(await addressesAudited('direct6@shop.example')).toEqual(['2001:db8::9']);
  });

  it.each([
    ['loopback', '127.0.0.1', '203.0.113.10'],
    ['IPv6 loopback', '::1', '203.0.113.11'],
    ['loopback on a dual-stack socket', '::ffff:127.0.0.1', '203.0.113.12'],
    ['a proxy in a configured range', '10.20.30.40', '203.0.113.13'],
    ['a configured proxy address', '192.168.1.5', '203.0.113.14'],
  ])('takes the address %s appended to the header', async (_what, proxy, client) => {
    const email = `via-${client}@shop.example`;
    // what the client wrote comes first; only the proxy's own entry, the last, is believed
    await failSignIn(email, proxy, `10.9.9.9, ${client}`);
    expect(await addressesAudited(email)).toEqual([client]);
  });

  it('ignores the header from an address next to a configured one', async () => {
    await failSignIn('neighbour@shop.example', '192.168.1.6', '203.0.113.15');
    expect(await addressesAudited('neighbour@shop.example')).toEqual(['192.168.1.6']);
  });
});

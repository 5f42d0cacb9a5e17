import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRootStore, type WebRootStore } from '../../../test/helpers/web-root-store.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

type Headers = Record<string, string | string[] | number | undefined>;

/** A policy as directive → sources, so a test can ask about one directive. */
function policyOf(headers: Headers): Map<string, string[]> {
  const text = String(headers['content-security-policy'] ?? '');
  return new Map(text.split(';').map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name, sources]));
}

function expectSharedHeaders(headers: Headers, what: string): void {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  const policy = policyOf(headers);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(policy.get('default-src'), what).toEqual(["'self'"]);
  // no inline or evaluated script anywhere
  expect(policy.get('script-src'), what).toEqual(["'self'"]);
  expect(policy.has('upgrade-insecure-requests'), what).toBe(false);
}

describe('security headers on every answer', () => {
  let app: FastifyInstance;
  let tlsApp: FastifyInstance;
  let web: WebRootStore | undefined;

  beforeAll(async () => {
    web = await createWebRootStore({ 'index.html': '<!doctype html><title>Clientele</title><div id="root"></div>' });
    const clock = fixedClock('2025-01-01T00:00:00Z');
    app = await buildApp({ store: web.store, config: { isBehindTls: false }, clock, webRoot: web.webRoot });
    tlsApp = await buildApp({ store: web.store, config: { isBehindTls: true }, clock });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tlsApp?.close();
    await web?.dispose();
  });

  it('sends them with API answers, successes and errors alike', async () => {
    const answers = {
      'a public route': await app.inject({ method: 'GET', url: '/api/health' }),
      'a refusal (401)': await app.inject({ method: 'GET', url: '/api/customers' }),
      'a bad body (400)': await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{not json' }),
      'an unknown route (404)': await app.inject({ method: 'POST', url: '/api/nowhere', payload: {} }),
    };
    for (const [what, answer] of Object.entries(answers)) expectSharedHeaders(answer.headers, what);
    expect(answers['a refusal (401)'].statusCode).toBe(401);
  });

  it('gives the web app a policy it runs under: its own files, style attributes for chart tooltips, no inline style sheets', async () => {
    for (const [url, accept] of [['/', '*/*'], ['/customers/5', 'text/html']] as const) {
      const page = await app.inject({ method: 'GET', url, headers: { accept } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<div id="root">');
      expectSharedHeaders(page.headers, url);
      const policy = policyOf(page.headers);
      expect(policy.get('style-src'), url).toEqual(["'self'"]);
      expect(policy.get('style-src-attr'), url).toEqual(["'unsafe-inline'"]);
      expect(policy.get('connect-src'), url).toEqual(["'self'"]);
      expect(policy.get('object-src'), url).toEqual(["'none'"]);
    }
  });

  it('gives the API reference its own policy, with the inline styles Swagger UI needs', async () => {
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(200);
      expectSharedHeaders(answer.headers, url);
      expect(policyOf(answer.headers).get('style-src'), url).toEqual(["'self'", "'unsafe-inline'"]);
    }
  });

  it('asks browsers for HTTPS only behind TLS', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    expect((await tlsApp.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBe('max-age=15552000');
  });
});

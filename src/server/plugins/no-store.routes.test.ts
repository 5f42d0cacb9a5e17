import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../../test/helpers/auth.js';

describeEachStore('Cache-Control on signed-in answers', (context) => {
  let app: FastifyInstance;
  let agent: TestSession;
  let webRoot = '';

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'clientele-no-store-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Clientele</title><div id="root"></div>');
    await writeFile(join(webRoot, 'assets', 'index-abc.js'), 'console.log("app");');
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() }, webRoot: `${webRoot}/` });
    agent = await signInAs(context.store, 'agent');
  });
  afterAll(async () => {
    await app?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('forbids storing a customer read, by a session or an API key, and the signed-in user, but not the web app\'s files', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name: 'Cached Not', city: 'Bandung' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const customerId = (created.json() as { customer: { customer_id: number } }).customer.customer_id;
    const key = await createTestApiKey(context.store, ['read']);
    for (const [url, headers] of [[`/api/customers/${customerId}`, agent.readHeaders], ['/api/customers', agent.readHeaders], [`/api/customers/${customerId}`, key.headers], ['/api/auth/me', agent.readHeaders]] as const) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect([url, response.statusCode, response.headers['cache-control']]).toEqual([url, 200, 'no-store']);
    }
    // public answers keep their own caching: the web app's files and the API document
    for (const url of ['/assets/index-abc.js', '/', '/api/openapi.json']) {
      const response = await app.inject({ method: 'GET', url });
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect(response.headers['cache-control'], url).not.toBe('no-store');
    }
  });

  it('forbids storing the sign-in answer and refusals of routes that need a caller', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@shop.example', password: 'a guess' } });
    expect([signIn.statusCode, signIn.headers['cache-control']]).toEqual([401, 'no-store']);
    const anonymous = await app.inject({ method: 'GET', url: '/api/customers' });
    expect([anonymous.statusCode, anonymous.headers['cache-control']]).toEqual([401, 'no-store']);
  });
});

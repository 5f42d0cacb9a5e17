import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRootStore, type WebRootStore } from '../../../test/helpers/web-root-store.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

describe('the built web app, rebuilt while the server runs', () => {
  let app: FastifyInstance;
  let web: WebRootStore | undefined;
  let webRoot = '';

  beforeAll(async () => {
    web = await createWebRootStore({
      'index.html': '<!doctype html><title>Clientele</title><script type="module" src="/assets/index-old.js"></script><div id="root"></div>',
      'assets/index-old.js': 'console.log("old build");',
    });
    webRoot = web.webRoot;
    app = await buildApp({ store: web.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z'), webRoot });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await web?.dispose();
  });

  it('serves an asset file written after the server started, as the new index.html names it', async () => {
    // `npm run build:web`: a new index.html and new hashed assets in place of the old
    await writeFile(join(webRoot, 'assets', 'index-new.js'), 'console.log("new build");');
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Clientele</title><script type="module" src="/assets/index-new.js"></script><div id="root"></div>');
    await rm(join(webRoot, 'assets', 'index-old.js'));
    const page = await app.inject({ method: 'GET', url: '/customers', headers: { accept: 'text/html' } });
    expect(page.body).toContain('/assets/index-new.js');
    const script = await app.inject({ method: 'GET', url: '/assets/index-new.js', headers: { accept: '*/*' } });
    expect({ status: script.statusCode, body: script.body }).toEqual({ status: 200, body: 'console.log("new build");' });
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect((await app.inject({ method: 'HEAD', url: '/assets/index-new.js' })).statusCode).toBe(200);
  });

  it('still answers the app\'s own routes with index.html, a missing asset with 404, and an API path by its methods', async () => {
    const root = await app.inject({ method: 'GET', url: '/', headers: { accept: '*/*' } });
    expect({ status: root.statusCode, isPage: root.body.includes('<div id="root">') }).toEqual({ status: 200, isPage: true });
    const route = await app.inject({ method: 'GET', url: '/customers/5', headers: { accept: 'text/html' } });
    expect({ status: route.statusCode, isPage: route.body.includes('<div id="root">') }).toEqual({ status: 200, isPage: true });
    // a script the page asks for that is not there is not answered with the page
    const missing = await app.inject({ method: 'GET', url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect({ status: missing.statusCode, code: missing.json().error.code }).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
    const gone = await app.inject({ method: 'GET', url: '/assets/index-old.js', headers: { accept: '*/*' } });
    expect(gone.statusCode).toBe(404);
    const unknownApi = await app.inject({ method: 'GET', url: '/api/nowhere', headers: { accept: 'text/html' } });
    expect({ status: unknownApi.statusCode, code: unknownApi.json().error.code }).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
    const postOnly = await app.inject({ method: 'GET', url: '/api/merges/3/undo' });
    expect({ status: postOnly.statusCode, allow: postOnly.headers.allow }).toEqual({ status: 405, allow: 'POST' });
    expect((await app.inject({ method: 'POST', url: '/nowhere', payload: {} })).statusCode).toBe(404);
    // no file outside the web app's folder
    const outside = await app.inject({ method: 'GET', url: '/../package.json', headers: { accept: '*/*' } });
    expect(outside.statusCode).not.toBe(200);
  });
});

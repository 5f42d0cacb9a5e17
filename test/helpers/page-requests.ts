import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { setCsrfToken } from '../../src/web/api/client.js';
import { signInAs } from './auth.js';
import type { StoreContext } from './stores.js';

/**
 * The web app's own request code (runImport and the rest of src/web/api) answered by the real
 * server: its fetch calls go to `app.inject` with the cookie `cookie()` gives at each call, so a
 * test may switch who is signed in.
 */
export function answerPageRequestsWith(app: FastifyInstance, cookie: () => string): void {
  vi.stubGlobal('fetch', async (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const answer = await app.inject({ method: (init.method ?? 'GET') as 'GET', url: path, headers: { ...init.headers, cookie: cookie() }, ...(init.body === undefined ? {} : { payload: init.body }) });
    return new Response(answer.statusCode === 204 ? null : answer.body, { status: answer.statusCode });
  });
}

/**
 * For a suite of the store `context`: the server on that store at `clock` (at which the test
 * session is alive), an admin signed in, and the page's requests answered as theirs, from before
 * the suite's tests until after them.
 */
export function servePageRequestsAsAdmin(context: StoreContext, clock: Clock): void {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    const server = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    app = server;
    const admin = await signInAs(context.store, 'admin');
    setCsrfToken(admin.csrfToken);
    answerPageRequestsWith(server, () => admin.headers.cookie);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    await app?.close();
  });
}

import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { createTestUser, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import type { Store } from '../db/client.js';
import { buildApp } from '../server/app.js';
import { reportLifecycle } from '../analytics/cohorts.service.js';
import { maxReportsInFlight, reportsInFlight, reportsWaiting, runReport } from './report-run.js';
import { eventually } from '../../test/helpers/eventually.js';

const clock = fixedClock('2025-01-01T00:00:00Z');
const serverOnly = testStoreKinds().includes('server') ? describe : describe.skip;

type Answer = { status: number; body: string };

/**
 * The lifecycle report's statements are held, not slowed: another session holds customer_trait
 * locked, so each report waits on the lock, running as far as the server is concerned (as a slow
 * plan would), until the lock is released.
 */
serverOnly('report requests on a server store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let port: number;
  let headers: AuthHeaders;
  let locker: pg.Client;
  let observer: pg.Client;
  const open: ClientRequest[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('server'));
    app = await buildApp({ store, config: { isBehindTls: false }, clock });
    app.get('/api/test/short-deadline-lifecycle', { config: { access: { permission: 'analytics:read' } }, schema: { hide: true } },
      async (request, reply) => runReport(request, reply, store, 'lifecycle', (db) => reportLifecycle(db, { clock }), { deadlineMillis: 700 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    headers = (await signInAs(store, 'owner')).readHeaders;
    const { connectionString, options } = store.pool!.options as pg.PoolConfig & { options?: string };
    locker = new pg.Client({ connectionString, options });
    observer = new pg.Client({ connectionString, options });
    await locker.connect();
    await observer.connect();
  }, 240_000);
  afterEach(async () => {
    await locker.query('rollback').catch(() => {});
    for (const request of open.splice(0)) request.destroy();
    await eventually(() => reportsInFlight() === 0 && reportsWaiting() === 0, 10_000, 'every report ended');
  });
  afterAll(async () => {
    await locker?.end();
    await observer?.end();
    await app?.close();
    await dispose?.();
  });

  const holdReports = async () => {
    await locker.query('begin');
    await locker.query('lock table customer_trait in access exclusive mode');
  };

  /** The report statements running now on this store: waiting for the lock on its customer_trait (other tests' stores are other schemas). */
  const runningReports = async () => (await observer.query<{ count: number }>(
    `select count(distinct l.pid)::int as count from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.relation = 'customer_trait'::regclass and not l.granted and a.state = 'active'`,
  )).rows[0]!.count;

  const send = (method: string, path: string, body?: object, extra: AuthHeaders = {}): { request: ClientRequest; answer: Promise<Answer> } => {
    const payload = body ? JSON.stringify(body) : undefined;
    let request!: ClientRequest;
    const answer = new Promise<Answer>((resolve, reject) => {
      request = httpRequest({
        host: '127.0.0.1', port, path, method, agent: false,
        headers: { ...extra, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      request.end(payload);
    });
    open.push(request);
    return { request, answer };
  };

  it('stops the report\'s query when its client goes away', async () => {
    await holdReports();
    const { request, answer } = send('GET', '/api/reports/lifecycle', undefined, headers);
    answer.catch(() => {});
    await eventually(async () => (await runningReports()) === 1, 10_000, 'the report runs');
    request.destroy();
    // the lock is still held: only a cancel ends the statement
    await eventually(async () => (await runningReports()) === 0, 5_000, 'the report\'s query stopped');
    await eventually(() => reportsInFlight() === 0, 5_000, 'its slot freed');
  });

  it('stops the report\'s query when its client goes away while every pooled connection is busy', async () => {
    await holdReports();
    const { request, answer } = send('GET', '/api/reports/lifecycle', undefined, headers);
    answer.catch(() => {});
    await eventually(async () => (await runningReports()) === 1, 10_000, 'the report runs');
    // the pool's other connections lent out, as to other requests: the cancel must not wait for one
    const pool = store.pool!;
    const lent: pg.PoolClient[] = [];
    try {
      while (pool.totalCount - pool.idleCount < pool.options.max!) lent.push(await pool.connect());
      request.destroy();
      await eventually(async () => (await runningReports()) === 0, 5_000, 'the report\'s query stopped');
      await eventually(() => reportsInFlight() === 0, 5_000, 'its slot freed');
    } finally {
      for (const client of lent) client.release();
    }
  });

  it('stops a report at its deadline, with a code and a message that say what to do', async () => {
    await holdReports();
    const { status, body } = await send('GET', '/api/test/short-deadline-lifecycle', undefined, headers).answer;
    expect(status).toBe(503);
    const error = JSON.parse(body).error;
    expect(error.code).toBe('REPORT_TIMEOUT_UNAVAILABLE');
    expect(error.message).toMatch(/^The lifecycle report did not finish within 0\.7 s/);
    expect(error.message).toContain('clientele analyze');
    expect(await runningReports()).toBe(0);
  });

  it('runs at most two reports at once: more wait without a connection, and sign-in still answers', async () => {
    const user = await createTestUser(store, 'agent');
    await holdReports();
    const reports = Array.from({ length: 4 }, () => send('GET', '/api/reports/lifecycle', undefined, headers).answer);
    await eventually(() => reportsWaiting() === 2, 10_000, 'two reports wait');
    await eventually(async () => (await runningReports()) === maxReportsInFlight, 10_000, 'two reports run');
    const signIn = await send('POST', '/api/auth/login', { email: user.user.email, password: user.password }).answer;
    expect(signIn.status).toBe(200);
    const health = await send('GET', '/api/health').answer;
    expect(health.status).toBe(200);
    expect(await runningReports()).toBe(maxReportsInFlight);
    await locker.query('rollback');
    const answers = await Promise.all(reports);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  }, 60_000);
});

import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import type { Store } from '../db/client.js';
import { buildApp } from '../server/app.js';
import { reportsInFlight } from './report-run.js';
import { eventually } from '../../test/helpers/eventually.js';

const serverOnly = testStoreKinds().includes('server') ? describe : describe.skip;

// A report whose client hung up was cancelled, then logged as a 500 "unhandled error": an alarm
// for what is a person closing a tab. It is logged once, at info, as stopped by its client.
serverOnly('a report whose client went away (server store)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let locker: pg.Client;
  const lines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('server'));
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => { lines.push(JSON.parse(String(chunk))); done(); } }));
    app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z'), logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { connectionString, options } = store.pool!.options as pg.PoolConfig & { options?: string };
    locker = new pg.Client({ connectionString, options });
    await locker.connect();
  }, 240_000);
  afterAll(async () => {
    await locker?.end();
    await app?.close();
    await dispose?.();
  });

  it('is logged at info as stopped by its client, not as an error answered 500', async () => {
    const headers = (await signInAs(store, 'owner')).readHeaders;
    await locker.query('begin');
    // the report's statements wait on the lock, running as a slow plan would
    await locker.query('lock table customer_trait in access exclusive mode');
    try {
      const port = (app.server.address() as AddressInfo).port;
      const request = httpRequest({ host: '127.0.0.1', port, path: '/api/reports/lifecycle', method: 'GET', agent: false, headers });
      request.on('error', () => {});
      request.end();
      await eventually(() => reportsInFlight() === 1, 10_000, 'the report runs');
      await new Promise((resolve) => setTimeout(resolve, 300));
      request.destroy();
      await eventually(() => reportsInFlight() === 0, 10_000, 'the report stopped');
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await locker.query('rollback');
    }
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'report stopped: its client went away' }));
  });
});

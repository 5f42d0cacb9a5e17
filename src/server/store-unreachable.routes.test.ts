import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { createTestStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from './app.js';
import { createServeLogger } from './serve-logger.js';

const serverUrl = process.env.TEST_DATABASE_URL;

type LogLine = { level: number; msg: string; err?: { stack?: string }; storeError?: string };

/** An app on `store` whose log lines are kept for the test to read. */
async function appLogging(store: Store): Promise<{ app: FastifyInstance; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logger = createServeLogger({ level: 'info', destination: { write: (line: string) => { lines.push(JSON.parse(line) as LogLine); } } });
  const app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z'), logger });
  return { app, lines };
}

function expectStoreUnavailable(answer: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }): void {
  expect(answer.statusCode).toBe(503);
  expect(answer.headers['retry-after']).toBe('10');
  expect(answer.json()).toEqual({ error: { code: 'STORE_CONNECTION_UNAVAILABLE', message: expect.stringMatching(/^The database cannot be reached right now/) } });
}

/** Logged once as a warning naming the reason, never as an "unhandled error" with a stack. */
function expectWarnedWithoutStack(lines: LogLine[], reason: RegExp): void {
  expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  const warnings = lines.filter((line) => line.level === 40);
  expect(warnings.length).toBeGreaterThan(0);
  for (const warning of warnings) {
    expect(warning).toMatchObject({ msg: 'store unreachable: answered 503', storeError: expect.stringMatching(reason) });
    expect(JSON.stringify(warning)).not.toContain('stack');
  }
}

// Only a server store can become unreachable: the embedded store is PGlite in this process, with no
// connection to lose, so there is no embedded case of this suite.
describe.skipIf(!serverUrl)('a server store that cannot be reached', () => {
  const database = `fx_fxw_unreachable_${process.pid}`;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  });
  afterAll(async () => {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('when its database is dropped under the running server: 503 STORE_CONNECTION_UNAVAILABLE on health and every route, logged as a warning', async () => {
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    const store = await openStore(url.toString());
    const { app, lines } = await appLogging(store);
    try {
      await migrate(store);
      const staff: TestSession = await signInAs(store, 'admin');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok', store: 'server' });
      await admin.query(`drop database ${database} with (force)`);
      // the first query after the drop meets a terminated connection (57P01), the next a missing database (3D000)
      for (let attempt = 0; attempt < 3; attempt += 1) expectStoreUnavailable(await app.inject({ method: 'GET', url: '/api/health' }));
      expectStoreUnavailable(await app.inject({ method: 'GET', url: '/api/customers', headers: staff.readHeaders }));
      expectWarnedWithoutStack(lines, /^(57P01|3D000|Connection terminated unexpectedly)$/);
      expect(lines.map((line) => line.storeError)).toContain('3D000');
    } finally {
      await app.close();
      await store.close().catch(() => {});
    }
  });

  it('when nothing listens on its port: 503 STORE_CONNECTION_UNAVAILABLE (ECONNREFUSED)', async () => {
    const closedPort = await portNobodyListensOn();
    const store = await openStore(`postgres://postgres@127.0.0.1:${closedPort}/${database}`);
    const { app, lines } = await appLogging(store);
    try {
      expectStoreUnavailable(await app.inject({ method: 'GET', url: '/api/health' }));
      expectWarnedWithoutStack(lines, /^ECONNREFUSED$/);
    } finally {
      await app.close();
      await store.close().catch(() => {});
    }
  });
});

describe('an embedded store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await createTestStore('embedded')), 120_000);
  afterAll(async () => dispose());

  it('answers health with 200: it lives in this process and has no connection that could fail', async () => {
    const { app } = await appLogging(store);
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok', store: 'embedded' });
    } finally {
      await app.close();
    }
  });
});

/** A port that was free a moment ago: connecting to it is refused. */
async function portNobodyListensOn(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

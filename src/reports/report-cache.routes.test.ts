import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { scratchFiles } from '../../test/helpers/import-files.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';
import { analyze } from '../analytics/index.js';
import { setTypePolicy } from '../analytics/types.service.js';
import { changeStoreSettings } from '../settings/change-settings.service.js';
import { maxCachedReports, reportCacheKey, reportCacheStats } from './report-cache.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const clock = fixedClock('2024-05-31T12:00:00Z');
const files = scratchFiles('report-cache');

describeEachStore('the report cache', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  beforeAll(async () => {
    await importFile(context.store.db, { entity: 'customers', file: fixture('customers.csv'), actor: 'test', clock, rejectsPath: null });
    await importFile(context.store.db, { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    await analyze(context.store.db, { clock });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  }, 120_000);
  afterAll(async () => app?.close());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  /** What one request did to the cache: a hit, a miss (computed) or a wait for the same report. */
  const counted = async (url: string) => {
    const before = reportCacheStats(context.store);
    const body = await get(url);
    const after = reportCacheStats(context.store);
    return { body, hits: after.hits - before.hits, misses: after.misses - before.misses };
  };

  it('answers the same report twice from one computation, whatever the parameters\' order', async () => {
    for (const url of ['/api/reports/lifecycle?horizonDays=60', '/api/reports/cohorts', '/api/reports/types', '/api/reports/rfm', '/api/reports/type-migration']) {
      const first = await counted(url);
      expect(first, url).toMatchObject({ misses: 1, hits: 0 });
      const second = await counted(url);
      expect(second, url).toMatchObject({ misses: 0, hits: 1 });
      expect(second.body).toEqual(first.body);
    }
    expect(await counted('/api/reports/lifecycle?horizonDays=30')).toMatchObject({ misses: 1 });
    expect(reportCacheKey('lifecycle', { horizonDays: 60, asOf: undefined }, { version: '1', today: '2024-05-31' }))
      .toBe(reportCacheKey('lifecycle', { horizonDays: 60 }, { version: '1', today: '2024-05-31' }));
  });

  it('computes again after an order import, an analysis, a type policy or a settings change', async () => {
    const url = '/api/reports/lifecycle';
    await get(url);
    expect(await counted(url)).toMatchObject({ hits: 1 });

    const before = (await get('/api/reports/types')).types;
    const orders = files.file('more-orders.csv', 'order_id,customer_id,ordered_at,amount,currency,channel,status\nX1,C1,2024-05-30T08:00:00+07:00,99000,IDR,store,paid\n');
    await importFile(context.store.db, { entity: 'orders', file: orders, actor: 'test', clock, rejectsPath: null });
    expect(await counted(url)).toMatchObject({ misses: 1, hits: 0 });
    expect(await counted(url)).toMatchObject({ hits: 1 });
    const typesAfterImport = await counted('/api/reports/types');
    expect(typesAfterImport.misses).toBe(1);
    expect(typesAfterImport.body.types).not.toEqual(before);

    await analyze(context.store.db, { clock });
    expect(await counted(url)).toMatchObject({ misses: 1, hits: 0 });

    await setTypePolicy(context.store.db, { vip: { topPercent: 10 } }, { actor: 'test', clock });
    expect(await counted(url)).toMatchObject({ misses: 1, hits: 0 });

    await changeStoreSettings(context.store.db, { name: 'Kopi Senja' }, 'cli:test');
    expect(await counted(url)).toMatchObject({ misses: 1, hits: 0 });
    expect(await counted(url)).toMatchObject({ hits: 1 });
  });

  it('keeps at most a few dozen reports per store, dropping the least recently used', async () => {
    for (let days = 1; days <= maxCachedReports + 5; days += 1) await get(`/api/reports/cohorts?horizonDays=${days}`);
    expect(reportCacheStats(context.store).entries).toBe(maxCachedReports);
    // the first ones were dropped, the last is kept
    expect(await counted('/api/reports/cohorts?horizonDays=1')).toMatchObject({ misses: 1 });
    expect(await counted(`/api/reports/cohorts?horizonDays=${maxCachedReports + 5}`)).toMatchObject({ hits: 1 });
  });

  if (context.kind === 'server') {
    it('keeps nothing while another session holds uncommitted changes (server store)', async () => {
      const { connectionString, options } = context.store.pool!.options as pg.PoolConfig & { options?: string };
      const writer = new pg.Client({ connectionString, options });
      await writer.connect();
      try {
        await writer.query('begin');
        await writer.query(`update customer_order set location = 'Bandung' where external_id = 'O1'`);
        const url = '/api/reports/cohorts?horizonDays=45';
        expect(await counted(url)).toMatchObject({ misses: 1 });
        // what it computed misses the open change: kept, it would be answered after the commit
        expect(await counted(url)).toMatchObject({ misses: 1, hits: 0 });
        await writer.query('commit');
        expect(await counted(url)).toMatchObject({ misses: 1 });
        expect(await counted(url)).toMatchObject({ hits: 1 });
      } finally {
        await writer.query('rollback').catch(() => {});
        await writer.end();
      }
    });
  }
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { encodeCursor } from '../core/cursor.js';
import { startImportRun } from '../ingest/import-runs.repo.js';
import { buildApp } from './app.js';

/** The lists kept newest first by id: import runs and model fits. */
describeEachStore('id-ordered lists over HTTP', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    const { db } = context.store;
    for (let i = 0; i < 7; i += 1) {
      await startImportRun(db, { entity: 'customers', fileName: `c-${i}.csv`, preset: null, startedBy: 'test' });
      await db.insertInto('model_fit').values({
        model: 'bgnbd', unit: 'week', calibration_end: '2024-06-30', params: JSON.stringify({ r: 1, alpha: 2, a: 3, b: 4 }), penalty: 0,
        log_likelihood: -100 - i, converged: true, iterations: 10, gradient_norm: 0, bic: 200 + i, customers: 50,
      }).execute();
    }
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: analyst.readHeaders });
  const lists = [['/api/imports', 'import_id'], ['/api/models/fits', 'model_fit_id']] as const;

  it.each(lists)('pages through %s with the cursors it issues, newest first', async (url, idField) => {
    const everything = (await get(`${url}?limit=200`)).json();
    expect(everything.nextCursor).toBeNull();
    const all = everything.items.map((row: Record<string, number>) => row[idField]);
    expect(all).toHaveLength(7);
    expect(all).toEqual([...all].sort((a: number, b: number) => b - a));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`${url}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...response.json().items.map((row: Record<string, number>) => row[idField]));
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it.each(lists)('refuses cursors %s did not issue', async (url) => {
    const other = url === '/api/imports' ? 'model-fits' : 'imports';
    for (const cursor of ['forged', encodeCursor(null, 3, other), encodeCursor(5, 3, url === '/api/imports' ? 'imports' : 'model-fits'), encodeCursor(null, 3)]) {
      const response = await get(`${url}?cursor=${cursor}`);
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from './segments.routes.js';

describeEachStore('segment names refused over HTTP as in the CLI', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  const jakarta = { field: 'city', op: 'eq', value: 'Jakarta' };

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    marketer = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  it('answers a blank name with SEGMENT_NAME_INVALID on field name, not the validator\'s "Too small"', async () => {
    for (const name of ['', '   ', '\t ']) {
      const refused = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name, filter: jakarta } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_INVALID', field: 'name', message: 'A segment needs a name: give one with a letter in it.' } });
    }
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Blank-name test', filter: jakarta } });
    expect(created.statusCode).toBe(201);
    const segmentId = created.json().segment.segment_id;
    const renamed = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers: marketer.headers, payload: { name: '   ' } });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_INVALID', field: 'name' } });
    await app.inject({ method: 'DELETE', url: `/api/segments/${segmentId}`, headers: marketer.headers });
  });

  it('still refuses a name longer than 120 characters, and trims around one that fits', async () => {
    const tooLong = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'x'.repeat(121), filter: jakarta } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { code: 'REQUEST_INVALID', field: 'name' } });
    const padded = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: `  ${'y'.repeat(120)}  `, filter: jakarta } });
    expect(padded.statusCode).toBe(201);
    expect(padded.json().segment.name).toBe('y'.repeat(120));
    await app.inject({ method: 'DELETE', url: `/api/segments/${padded.json().segment.segment_id}`, headers: marketer.headers });
  });

  it('names the segment that has a taken name, by number and by its name as saved', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'VIPs', filter: jakarta } });
    const segmentId = first.json().segment.segment_id;
    const again = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'vips', filter: jakarta } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_EXISTS', field: 'name', details: { segmentId, existingName: 'VIPs' } } });
    const other = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Others', filter: jakarta } });
    const renamed = await app.inject({ method: 'PATCH', url: `/api/segments/${other.json().segment.segment_id}`, headers: marketer.headers, payload: { name: 'VIPS' } });
    expect(renamed.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_EXISTS', details: { segmentId, existingName: 'VIPs' } } });
  });
});

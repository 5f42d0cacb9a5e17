import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from './segments.routes.js';
import { segmentSchema, segmentWithHistorySchema, writtenSegmentSchema } from './segment-responses.schemas.js';

// A client reads `problems` on every segment answer without first checking it is there: the schema
// (and so the OpenAPI document) requires it, and every route sends it, empty when nothing is wrong.
describe('the segment answer schemas', () => {
  const segment = {
    segment_id: 1, name: 'Jakarta', description: null, filter: { field: 'city', op: 'eq', value: 'Jakarta' }, member_count: 2, refreshed_at: null,
    created_by: 'user:1', created_at: new Date('2026-01-31T00:00:00Z'), updated_at: new Date('2026-01-31T00:00:00Z'),
  };

  it('require problems', () => {
    for (const schema of [segmentSchema, writtenSegmentSchema]) {
      expect(schema.safeParse(segment).success).toBe(false);
      expect(schema.safeParse({ ...segment, problems: [] }).success).toBe(true);
    }
    expect(segmentWithHistorySchema.safeParse({ segment, history: [] }).success).toBe(false);
  });
});

describeEachStore('every segment answer carries problems', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    marketer = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  it('on create, update, get and list, as an empty list when nothing is wrong', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Jakarta always', filter: { field: 'city', op: 'eq', value: 'Jakarta' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json().segment.problems).toEqual([]);
    const segmentId = created.json().segment.segment_id;
    const updated = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers: marketer.headers, payload: { description: 'everyone in Jakarta' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().segment.problems).toEqual([]);
    const shown = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}`, headers: marketer.headers });
    expect(shown.json().segment.problems).toEqual([]);
    const listed = await app.inject({ method: 'GET', url: '/api/segments', headers: marketer.headers });
    expect(listed.json().items.find((item: { segment_id: number }) => item.segment_id === segmentId)?.problems).toEqual([]);
  });
});

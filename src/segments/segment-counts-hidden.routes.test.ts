import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from './segments.routes.js';

// A `write` key may save segments but not read them or customers: a count of a filter pinned to one
// customer would confirm a guess about their email, one character at a time.
describeEachStore('segment writes answer member counts only to callers who may read members', (context) => {
  let app: FastifyInstance;
  let writeOnly: AuthHeaders;
  let writeAndRead: AuthHeaders;
  let marketer: AuthHeaders;

  // customer 1 is Ana Wijaya, ana@example.com (seed-small)
  const guess = (prefix: string) => ({ and: [{ field: 'customer_id', op: 'eq', value: 1 }, { field: 'email', op: 'starts_with', value: prefix }] });
  const hidden = { entered: null, left: null, members: null };
  /** An answer less what differs between any two writes: which segment, its name, and when. */
  const comparable = (body: { segment?: Record<string, unknown>; refresh: Record<string, unknown> | null }) => ({
    segment: body.segment && { ...body.segment, segment_id: 0, name: '', filter: null, created_at: '', updated_at: '', refreshed_at: '' },
    refresh: body.refresh && { ...body.refresh, segmentId: 0, name: '', seconds: 0 },
  });

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    writeOnly = (await createTestApiKey(context.store, ['write'], 'counts-write')).headers;
    writeAndRead = (await createTestApiKey(context.store, ['write', 'read'], 'counts-write-read')).headers;
    marketer = (await signInAs(context.store, 'marketer')).headers;
  });
  afterAll(async () => app?.close());

  const create = (name: string, filter: object, headers: AuthHeaders) => app.inject({ method: 'POST', url: '/api/segments', headers, payload: { name, filter } });

  it('saves a segment for a write key and answers a true guess as it answers a false one', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/segments', headers: writeOnly })).statusCode).toBe(403);
    const right = await create('Guess right', guess('ana'), writeOnly);
    const wrong = await create('Guess wrong', guess('bam'), writeOnly);
    expect([right.statusCode, wrong.statusCode]).toEqual([201, 201]);
    expect(right.json()).toMatchObject({ segment: { name: 'Guess right', member_count: null }, refresh: { name: 'Guess right', ...hidden } });
    expect(comparable(right.json())).toEqual(comparable(wrong.json()));
    // the write happened: a reader sees the members
    const saved = await app.inject({ method: 'GET', url: `/api/segments/${right.json().segment.segment_id}`, headers: marketer });
    expect(saved.json().segment.member_count).toBe(1);
  });

  it('answers a changed filter and a refresh without counts to a write key', async () => {
    const segment = (await create('Pinned', guess('zzz'), writeOnly)).json().segment;
    const patched = await app.inject({ method: 'PATCH', url: `/api/segments/${segment.segment_id}`, headers: writeOnly, payload: { filter: guess('an') } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ segment: { member_count: null }, refresh: hidden });
    const renamed = await app.inject({ method: 'PATCH', url: `/api/segments/${segment.segment_id}`, headers: writeOnly, payload: { name: 'Pinned again' } });
    expect(renamed.json()).toMatchObject({ segment: { name: 'Pinned again', member_count: null }, refresh: null });
    const refreshed = await app.inject({ method: 'POST', url: `/api/segments/${segment.segment_id}/refresh`, headers: writeOnly });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toMatchObject(hidden);
    const all = await app.inject({ method: 'POST', url: '/api/segments/refresh', headers: writeOnly });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(0);
    for (const item of all.json().items) expect(item).toMatchObject(hidden);
  });

  it('still answers the counts to staff and to a key that may also read', async () => {
    for (const [name, headers] of [['Staff guess', marketer], ['Reader guess', writeAndRead]] as const) {
      const created = await create(name, guess('ana'), headers);
      expect(created.json()).toMatchObject({ segment: { member_count: 1 }, refresh: { entered: 1, left: 0, members: 1 } });
      const segmentId = created.json().segment.segment_id;
      const patched = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers, payload: { filter: guess('bam') } });
      expect(patched.json()).toMatchObject({ segment: { member_count: 0 }, refresh: { entered: 0, left: 1, members: 0 } });
      const refreshed = await app.inject({ method: 'POST', url: `/api/segments/${segmentId}/refresh`, headers });
      expect(refreshed.json()).toMatchObject({ entered: 0, left: 0, members: 0 });
    }
    const all = await app.inject({ method: 'POST', url: '/api/segments/refresh', headers: marketer });
    for (const item of all.json().items) expect(item.members).toEqual(expect.any(Number));
  });
});

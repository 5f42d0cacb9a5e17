import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestApiKey, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from '../segments/segments.routes.js';
import { registerPersonaRoutes } from './personas.routes.js';

const asOf = new Date('2026-06-01T00:00:00Z');
// a name with a comma of its own, as generated names have
const coffee = 'Young low-spend, coffee';

// A rediscovery that retires a persona a live segment selects by asks first, and the segment says so afterwards.
describeEachStore('a rediscovery and the saved segments naming its personas', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let writeKey: TestApiKey;
  let segmentId: number;
  let members: number;
  const discover = (payload: object, headers = marketer.headers) => app.inject({ method: 'POST', url: '/api/personas/discover', headers, payload });
  const segment = async () => (await app.inject({ method: 'GET', url: `/api/segments/${segmentId}`, headers: marketer.readHeaders })).json().segment;

  beforeAll(async () => {
    await plantPopulation(context.store.db, { customers: 300, seed: 11, asOf, consentProfiling: true });
    app = await buildRoutesTestApp(context.store, fixedClock(asOf), [registerPersonaRoutes, registerSegmentRoutes]);
    marketer = await signInAs(context.store, 'marketer');
    writeKey = await createTestApiKey(context.store, ['write']);
    const first = (await discover({ k: 2, seed: 3, sampleSize: 300 })).json();
    const named = first.personas[0];
    await app.inject({ method: 'PATCH', url: `/api/personas/${named.personaId}`, headers: marketer.headers, payload: { name: coffee } });
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Coffee mailing', filter: { field: 'persona', op: 'eq', value: coffee } } });
    segmentId = created.json().segment.segment_id;
    members = created.json().refresh.members;
  }, 120_000);
  afterAll(async () => app?.close());

  it('refuses a discovery that would retire a persona a segment names, listing it, and changes nothing', async () => {
    expect(members).toBeGreaterThan(0);
    const refused = await discover({ k: 4, seed: 5, sampleSize: 300 });
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error).toMatchObject({
      code: 'PERSONA_DISCOVERY_SEGMENTS_CONFLICT', field: 'retireSegmentPersonas',
      details: { segments: [{ segmentId, name: 'Coffee mailing', personas: [coffee], membersBefore: members, membersAfter: 0 }], personas: [{ name: coffee }] },
    });
    expect(error.message).toContain(`names "${coffee}": ${members.toLocaleString('en')} → 0 members`);
    expect(error.message).toContain(`clientele personas pin ${error.details.personas[0].personaId}`);
    expect(await segment()).toMatchObject({ member_count: members, problems: [] });
    // a caller who may not read members learns which segments, not how many are in them
    const unread = (await discover({ k: 4, seed: 5, sampleSize: 300 }, writeKey.headers)).json().error;
    expect(unread.details.segments).toEqual([{ segmentId, name: 'Coffee mailing', personas: [coffee], membersBefore: null, membersAfter: null }]);
    expect(unread.message).not.toContain('members');
  }, 120_000);

  it('discovers when told to, lists the segment it emptied, and the segment says its persona was retired', async () => {
    const discovered = await discover({ k: 4, seed: 5, sampleSize: 300, retireSegmentPersonas: true });
    expect(discovered.statusCode).toBe(200);
    expect(discovered.json()).toMatchObject({
      segments: [{ segmentId, name: 'Coffee mailing', personas: [coffee], membersBefore: members, membersAfter: 0 }],
      segmentsAdvice: expect.stringContaining('clientele personas pin'),
    });
    const problem = { field: 'persona', value: coffee, code: 'PERSONA_RETIRED', retiredAt: asOf.toISOString() };
    expect(await segment()).toMatchObject({ member_count: 0, problems: [problem] });
    const list = (await app.inject({ method: 'GET', url: '/api/segments', headers: marketer.readHeaders })).json().items;
    expect(list.find((item: { segment_id: number }) => item.segment_id === segmentId).problems).toEqual([problem]);
    // the segment is broken already: another discovery has nothing new to ask about
    const again = await discover({ k: 3, seed: 7, sampleSize: 300 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ segments: [], segmentsAdvice: null });
  }, 120_000);
});

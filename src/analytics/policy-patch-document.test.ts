import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { validateAgainst, type JsonSchema, type OpenApiDocument } from '../../test/helpers/openapi.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { defaultTypePolicy } from './policy.js';

type Schema = JsonSchema & { properties: Record<string, Schema> };

/** PATCH /api/analytics/policy documents the thresholds it takes, and still refuses bad ones with parseTypePolicy's message. */
describeEachStore('the type policy change in the OpenAPI document', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    owner = await signInAs(context.store, 'owner');
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  it('names every group and threshold of the policy, none of them required', () => {
    const body = (document.paths['/api/analytics/policy'] as unknown as { patch: { requestBody: { content: { 'application/json': { schema: JsonSchema } } } } }).patch.requestBody.content['application/json'].schema;
    expect(body.allOf).toEqual([{ $ref: '#/components/schemas/TypePolicyPatchInput' }]);
    const patch = document.components.schemas.TypePolicyPatchInput as Schema;
    expect(Object.keys(patch.properties)).toEqual(Object.keys(defaultTypePolicy));
    expect(Object.keys(patch.properties.vip.properties)).toEqual(['windowDays', 'topPercent', 'basis']);
    expect(patch.properties.vip.properties.basis.enum).toEqual(['revenue', 'frequency', 'revenue_or_frequency']);
    expect(patch.required).toBeUndefined();
    expect(patch.properties.vip.required).toBeUndefined();
    expect(validateAgainst(body, { vip: { topPercent: 10 } }, document)).toEqual([]);
    expect(validateAgainst(body, { vip: { top: 10 } }, document)).toEqual(['$.vip.top: not in the schema']);
  });

  it('changes one threshold and refuses bad ones as before, naming each', async () => {
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: '/api/analytics/policy', headers: owner.headers, payload });
    const changed = await patch({ vip: { topPercent: 10 } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().policy.vip).toEqual({ ...defaultTypePolicy.vip, topPercent: 10 });
    const refused = await patch({ vip: { topPercent: 101, top: 3 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_POLICY_INVALID', field: 'vip.topPercent' });
    expect(refused.json().error.message).toMatch(/^The type policy is invalid: vip\.topPercent must be a percentage above 0 and at most 100; got 101; vip\.top is not a threshold /);
  });
});

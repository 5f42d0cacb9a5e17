import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { validateAgainst, type JsonSchema, type OpenApiDocument } from '../../test/helpers/openapi.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

type Operation = { requestBody: { content: { 'application/json': { schema: JsonSchema & { properties: Record<string, JsonSchema> } } } } };

/** The filter's shape is in the OpenAPI document, while a bad filter is still told what to write by parseFilter. */
describeEachStore('the segment filter in the OpenAPI document', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let document: OpenApiDocument & { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    marketer = await signInAs(context.store, 'marketer');
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  it('documents every kind of condition with its fields, for requests and answers', () => {
    const filter = document.components.schemas.SegmentFilterInput as { anyOf: Array<{ properties: Record<string, JsonSchema> }> };
    expect(filter.anyOf.map((branch) => Object.keys(branch.properties))).toEqual([
      ['and'], ['or'], ['not'], ['field', 'op', 'value'], ['purchased'], ['interest'],
    ]);
    expect(Object.keys(filter.anyOf[4].properties.purchased.properties as object)).toEqual(['category', 'sku', 'product_contains', 'channel', 'within', 'count', 'measure']);
    expect(filter.anyOf[3].properties.op.enum).toContain('between');
    for (const [path, method] of [['/api/segments', 'post'], ['/api/segments/{segmentId}', 'patch'], ['/api/segments/preview', 'post']]) {
      expect(document.paths[path][method].requestBody.content['application/json'].schema.properties.filter.allOf, `${method} ${path}`).toEqual([{ $ref: '#/components/schemas/SegmentFilterInput' }]);
    }
    expect(document.components.schemas.SegmentFilter).toBeDefined();
  });

  it('describes the filters the server takes, and refuses what it refused, with the same messages', async () => {
    const filter = { and: [{ field: 'city', op: 'in', value: ['Jakarta'] }, { not: { purchased: { category: 'coffee', within: { days: 90 } } } }] };
    expect(validateAgainst({ $ref: '#/components/schemas/SegmentFilterInput' }, filter, document)).toEqual([]);
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Jakarta, no coffee', filter } });
    expect(created.statusCode).toBe(201);
    // answered normalised (a category given alone is a list), which the answer's schema describes too
    expect(created.json().segment.filter.and[1].not.purchased.category).toEqual(['coffee']);
    expect(validateAgainst({ $ref: '#/components/schemas/SegmentFilter' }, created.json().segment.filter, document)).toEqual([]);

    const preview = (body: unknown) => app.inject({ method: 'POST', url: '/api/segments/preview', headers: marketer.headers, payload: { filter: body } });
    const typo = await preview({ field: 'agee', op: 'gt', value: 30 });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', field: 'filter.field', message: expect.stringContaining('unknown field "agee"; did you mean "age"?') });
    const quoted = await preview({ field: 'order_count', op: 'gt', value: '3' });
    expect(quoted.json().error.message).toContain('order_count takes a number; got "3": write the number without quotes, as 3');
    const pair = await preview({ purchased: { count: { op: 'between', value: 2 } } });
    expect(pair.json().error.details.problems).toEqual([expect.objectContaining({ kind: 'between_pair_expected', path: 'filter.purchased.count' })]);
  });
});

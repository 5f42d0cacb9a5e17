import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

type Node = Record<string, unknown>;
type Parameter = { name: string; deprecated?: boolean; schema?: Node };
type Operation = { parameters?: Parameter[]; responses: Record<string, { content?: Record<string, { schema: SchemaNode }> }> };
type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; required?: string[] };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Node> } };

/** Every object of the document, with its path. */
function nodesOf(value: unknown, path = '$'): Array<{ node: Node; path: string }> {
  if (typeof value !== 'object' || value === null) return [];
  return [{ node: value as Node, path }, ...Object.entries(value).flatMap(([key, item]) => nodesOf(item, `${path}.${key}`))];
}

const refsIn = (value: unknown) => nodesOf(value).map(({ node }) => node.$ref).filter((ref): ref is string => typeof ref === 'string');

// what a client generator builds its types from: no dead types, no nullable it must ignore, deprecations it can flag
describeEachStore('the OpenAPI document as a client generator reads it', (context) => {
  let app: FastifyInstance;
  let document: Document;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  it('holds only the components an operation refers to, directly or through another component', () => {
    const used = new Set<string>();
    const pending = refsIn(document.paths);
    while (pending.length > 0) {
      const name = pending.pop()!.replace('#/components/schemas/', '');
      if (used.has(name)) continue;
      used.add(name);
      pending.push(...refsIn(document.components.schemas[name]));
    }
    expect(Object.keys(document.components.schemas).filter((name) => !used.has(name))).toEqual([]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Error', 'TimelineDetail', 'TypePolicyPatchInput', 'SegmentFilter', 'SegmentFilterInput', 'ImportRun']));
  });

  it('says nullable only beside a type, as OpenAPI 3.0.3 reads it', () => {
    const untyped = nodesOf(document).filter(({ node }) => node.nullable === true && !('type' in node)).map(({ path }) => path);
    expect(untyped).toEqual([]);
    // the ingest records' fields still take null, in each of their forms
    const orderId = nodesOf(document.paths['/api/ingest/{entity}']).find(({ path }) => path.endsWith('.properties.order_id'))!.node;
    expect(orderId.anyOf).toEqual([{ type: 'string', nullable: true }, { type: 'number', nullable: true }, { type: 'boolean', nullable: true }]);
  });

  it('marks the alerts\' offset deprecated, and says the members lists\' page size', () => {
    const parameter = (path: string, name: string) => document.paths[path].get.parameters!.find((entry) => entry.name === name)!;
    expect(parameter('/api/alerts', 'offset')).toMatchObject({ deprecated: true });
    expect(parameter('/api/alerts', 'offset').schema).not.toHaveProperty('deprecated');
    for (const path of ['/api/segments/{segmentId}/members', '/api/personas/{personaId}/members']) expect(parameter(path, 'limit').schema).toMatchObject({ default: 50 });
  });

  it('types every field of a persona\'s profile and of each k a discovery tried', () => {
    const answer = (path: string, method: string) => document.paths[path][method].responses['200'].content!['application/json'].schema;
    const profileFields = ['age', 'averageOrders', 'averageRevenueMinor', 'categories', 'channels', 'customerTypes', 'household', 'incomes', 'revenueShare', 'share', 'size', 'topCities', 'traits', 'typicalIncome'];
    const listed = answer('/api/personas', 'get').properties!;
    const discovered = answer('/api/personas/discover', 'post').properties!;
    for (const profile of [listed.personas.items!.properties!.profile, answer('/api/personas/{personaId}', 'get').properties!.profile, discovered.personas.items!.properties!.profile]) {
      expect(Object.keys(profile.properties!).sort()).toEqual(profileFields);
      expect(profile.properties!.household.properties).toHaveProperty('partneredShare');
      expect(profile.properties!.traits.items!.required).toEqual(['column', 'group', 'word', 'difference']);
    }
    for (const candidates of [listed.model.properties!.candidates, discovered.candidates]) expect(candidates.items!.required).toEqual(['k', 'silhouette', 'inertia']);
    expect(Object.keys(discovered)).toEqual(expect.arrayContaining(['silhouette', 'seconds']));
  });

  it('types a drift report: both periods, each attribute by its kind, and the personas\' shifts', () => {
    const drift = document.paths['/api/drift'].post.responses['200'].content!['application/json'].schema as SchemaNode & { additionalProperties?: unknown };
    expect(drift.required).toEqual(['group', 'before', 'after', 'attributes', 'personaShifts']);
    expect(drift.additionalProperties).toBe(false);
    const kinds = nodesOf(drift.properties!.attributes.items).map(({ node }) => node.properties as Record<string, { enum?: unknown[] }> | undefined).filter(Boolean).map((properties) => properties!.kind?.enum).filter(Boolean);
    expect(kinds).toEqual(expect.arrayContaining([['numeric'], ['categorical']]));
    expect(drift.properties!.personaShifts.items!.required).toEqual(expect.arrayContaining(['personaId', 'beforeShare', 'afterShare', 'change']));
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { validateAgainst, type JsonSchema, type OpenApiDocument } from '../../test/helpers/openapi.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { canonicalFields } from './rows/index.js';
import { describedFields } from './record-schemas.js';
import type { ImportEntity } from './canonical.js';

const entities: ImportEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];

it('describes every field the row parser reads, and no other', () => {
  for (const entity of entities) expect(describedFields(entity).sort(), entity).toEqual([...canonicalFields[entity]].sort());
});

describeEachStore('the OpenAPI document describes an ingest batch\'s records, and the server accepts what it did', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'record-schemas')).headers;
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  const recordSchema = () => {
    const body = (document.paths['/api/ingest/{entity}'].post as unknown as { requestBody: { content: Record<string, { schema: JsonSchema }> } }).requestBody;
    return ((body.content['application/json'].schema.properties as Record<string, JsonSchema>).records.items) as JsonSchema;
  };
  const schemaOf = (entity: ImportEntity) => (recordSchema().anyOf as JsonSchema[]).find((schema) => schema.title === `${entity} record`)!;

  it('gives each entity\'s record its canonical fields, each described, and what it requires', () => {
    expect((recordSchema().anyOf as JsonSchema[]).map((schema) => schema.title)).toEqual(entities.map((entity) => `${entity} record`));
    for (const entity of entities) {
      const properties = schemaOf(entity).properties as Record<string, JsonSchema>;
      expect(Object.keys(properties), entity).toEqual([...canonicalFields[entity]]);
      for (const [field, property] of Object.entries(properties)) expect(String(property.description ?? ''), `${entity}.${field}`).not.toBe('');
    }
    expect(schemaOf('orders').required).toEqual(['order_id', 'ordered_at']);
    expect(schemaOf('events').required).toEqual(['kind', 'occurred_at']);
    expect(schemaOf('customers').required).toBeUndefined();
    expect(String(schemaOf('customers').description)).toContain('external_id.<system>');

    const order = { order_id: 'D-1', customer_id: 17850, ordered_at: '2024-06-01', amount: 12.5, status: null, chanel: 'web' };
    expect(validateAgainst(schemaOf('orders'), order, document)).toEqual([]);
    expect(validateAgainst(schemaOf('orders'), { ...order, amount: { value: 1 } }, document)).not.toEqual([]);
  });

  it('still accepts a record with a key no field reads, and rejects a record lacking a required field alone, naming the field', async () => {
    const record = { order_id: 'D-1', customer_email: 'd1@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10', chanel: 'web' };
    const accepted = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { records: [record] } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ inserted: 1, ignoredFields: ['chanel'] });

    const lacking = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { records: [{ order_id: 'D-2', customer_email: 'd2@example.com', amount: '10' }] } });
    expect(lacking.statusCode).toBe(200);
    expect(lacking.json()).toMatchObject({ read: 1, inserted: 0, rejected: 1, rejects: [{ index: 0, line: 1, field: 'ordered_at', code: 'FIELD_REQUIRED' }] });
    const notObject = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { records: ['D-3'] } });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error.code).toBe('REQUEST_INVALID');
  });
});

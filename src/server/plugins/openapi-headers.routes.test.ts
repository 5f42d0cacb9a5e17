import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { createTestApiKey, type TestApiKey } from '../../../test/helpers/auth.js';
import type { OpenApiDocument } from '../../../test/helpers/openapi.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

type DocumentedHeaders = Record<string, { schema?: { type?: string }; description?: string }>;

// a generated client reads a response header only when the document declares it for that operation and status
describeEachStore('the response headers the server sends are declared in the OpenAPI document', (context) => {
  let app: FastifyInstance;
  let key: TestApiKey;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false, apiKeyRequestsPerMinute: 4 }, clock: fixedClock('2025-01-01T00:00:00Z') });
    key = await createTestApiKey(context.store, ['read', 'ingest', 'write']);
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  /** The headers named in `wanted` that `response` carries, each declared on the operation's documented status. */
  function expectDeclared(operation: string, response: LightMyRequestResponse, wanted: string[]): void {
    const [method, path] = operation.split(' ') as [string, string];
    const documented = (document.paths[path]?.[method.toLowerCase()]?.responses[String(response.statusCode)] as { headers?: DocumentedHeaders } | undefined);
    expect(documented, `${operation} documents ${response.statusCode}`).toBeDefined();
    const declared = Object.keys(documented?.headers ?? {}).map((name) => name.toLowerCase());
    for (const name of wanted) {
      expect(response.headers[name.toLowerCase()], `${operation} ${response.statusCode} sends ${name}`).toBeDefined();
      expect(declared, `${operation} ${response.statusCode} declares ${name}`).toContain(name.toLowerCase());
    }
  }

  it('declares Location and Idempotent-Replayed on a created customer, and the rate-limit headers on an API key\'s answers', async () => {
    const create = () => app.inject({
      method: 'POST', url: '/api/customers', headers: { ...key.headers, 'idempotency-key': 'headers-1' }, payload: { name: 'Header Person', email: 'header.person@example.com' },
    });
    const created = await create();
    expect(created.statusCode).toBe(201);
    expectDeclared('POST /api/customers', created, ['Location', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']);
    const replayed = await create();
    expectDeclared('POST /api/customers', replayed, ['Location', 'Idempotent-Replayed']);

    const ingested = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: { ...key.headers, 'idempotency-key': 'headers-2' }, payload: { records: [{ customer_id: 'H1', name: 'Header Two' }] } });
    expect(ingested.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: { ...key.headers, 'idempotency-key': 'headers-2' }, payload: { records: [{ customer_id: 'H1', name: 'Header Two' }] } });
    expectDeclared('POST /api/ingest/{entity}', again, ['Idempotent-Replayed']);
  });

  it('declares Retry-After and the rate-limit headers on the 429 of a key over its limit, and the limit on a 404', async () => {
    const other = await createTestApiKey(context.store, ['read'], 'headers-other');
    const missing = await app.inject({ method: 'GET', url: '/api/customers/999999', headers: other.headers });
    expect(missing.statusCode).toBe(404);
    expectDeclared('GET /api/customers/{customerId}', missing, ['X-RateLimit-Remaining']);
    let refused: LightMyRequestResponse | undefined;
    for (let request = 0; request < 5 && refused === undefined; request += 1) {
      const answer = await app.inject({ method: 'GET', url: '/api/customers', headers: other.headers });
      if (answer.statusCode === 429) refused = answer;
    }
    expect(refused?.statusCode).toBe(429);
    expectDeclared('GET /api/customers', refused!, ['Retry-After', 'X-RateLimit-Limit']);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { startAdminApp } from '../../test/helpers/admin-app.js';
import type { TestSession } from '../../test/helpers/auth.js';

/** Requests refused with an answer that says what is wrong with them, in the one error shape. */
describeEachStore('refused requests and what their answers say', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let customerId: number;

  beforeAll(async () => { ({ app, admin, customerId } = await startAdminApp(context.store, 'Ana Wijaya')); });
  afterAll(async () => app?.close());

  const auditActions = async (action: string) => (await context.store.db.selectFrom('audit_event').select('action').where('action', '=', action).execute()).length;

  it('refuses a PATCH of the type policy, a segment or a persona that changes nothing, as a customer PATCH is refused, and audits nothing', async () => {
    const policy = await app.inject({ method: 'PATCH', url: '/api/analytics/policy', headers: admin.headers, payload: {} });
    expect({ status: policy.statusCode, code: policy.json().error.code }).toEqual({ status: 400, code: 'REQUEST_INVALID' });
    expect(policy.json().error.message).toContain('at least one threshold');
    expect(await auditActions('analytics.policy.update')).toBe(0);
    const customer = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: {} });
    expect(customer.json().error.code).toBe('REQUEST_INVALID');

    const segment = await app.inject({ method: 'POST', url: '/api/segments', headers: admin.headers, payload: { name: 'Jakarta', filter: { field: 'city', op: 'eq', value: 'Jakarta' } } });
    expect(segment.statusCode, segment.body).toBe(201);
    const segmentId = segment.json().segment.segment_id;
    const emptySegment = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers: admin.headers, payload: {} });
    expect({ status: emptySegment.statusCode, code: emptySegment.json().error.code }).toEqual({ status: 400, code: 'REQUEST_INVALID' });
    expect(emptySegment.json().error.message).toContain('name, description, filter');
    expect(await auditActions('segment.update')).toBe(0);
    // a persona is judged on its body before it is looked for: no persona is needed to be refused
    const emptyPersona = await app.inject({ method: 'PATCH', url: '/api/personas/1', headers: admin.headers, payload: {} });
    expect({ status: emptyPersona.statusCode, code: emptyPersona.json().error.code }).toEqual({ status: 400, code: 'REQUEST_INVALID' });
    expect(emptyPersona.json().error.message).toContain('name, description, isPinned');
  });

  it('names the path parameter of a segment or persona that does not exist, as other not-found errors do', async () => {
    const segment = await app.inject({ method: 'GET', url: '/api/segments/424242', headers: admin.readHeaders });
    expect({ status: segment.statusCode, code: segment.json().error.code, field: segment.json().error.field }).toEqual({ status: 404, code: 'SEGMENT_NOT_FOUND', field: 'segmentId' });
    const members = await app.inject({ method: 'GET', url: '/api/segments/424242/members', headers: admin.readHeaders });
    expect(members.json().error).toMatchObject({ code: 'SEGMENT_NOT_FOUND', field: 'segmentId' });
    const persona = await app.inject({ method: 'GET', url: '/api/personas/424242', headers: admin.readHeaders });
    expect({ status: persona.statusCode, code: persona.json().error.code, field: persona.json().error.field }).toEqual({ status: 404, code: 'PERSONA_NOT_FOUND', field: 'personaId' });
    const renamed = await app.inject({ method: 'PATCH', url: '/api/personas/424242', headers: admin.headers, payload: { name: 'Nobody' } });
    expect(renamed.json().error).toMatchObject({ code: 'PERSONA_NOT_FOUND', field: 'personaId' });
  });

  it('reads ids and other whole numbers in plain decimal digits only, naming the parameter otherwise', async () => {
    const plain = await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: admin.readHeaders });
    expect(plain.statusCode, plain.body).toBe(200);
    for (const written of ['1e3', `${customerId}.0`, '0x1', `+${customerId}`, '%20' + customerId]) {
      const response = await app.inject({ method: 'GET', url: `/api/customers/${written}`, headers: admin.readHeaders });
      expect({ written, status: response.statusCode, code: response.json().error?.code, field: response.json().error?.field }).toEqual({ written, status: 400, code: 'REQUEST_INVALID', field: 'customerId' });
    }
    expect((await app.inject({ method: 'GET', url: '/api/customers/1e3', headers: admin.readHeaders })).json().error.message).toContain('plain decimal digits');
    // the other integer parameters alike: a path id of another domain, and a query limit
    expect((await app.inject({ method: 'GET', url: '/api/segments/1e0', headers: admin.readHeaders })).json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'segmentId' });
    const limit = await app.inject({ method: 'GET', url: '/api/customers?limit=1e1', headers: admin.readHeaders });
    expect({ status: limit.statusCode, field: limit.json().error.field }).toEqual({ status: 400, field: 'limit' });
    expect((await app.inject({ method: 'GET', url: '/api/customers?limit=10', headers: admin.readHeaders })).statusCode).toBe(200);
  });

  it('says a query parameter given twice is given more than once, rather than that it is not a number', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/customers?limit=1&limit=2', headers: admin.readHeaders });
    expect({ status: response.statusCode, code: response.json().error.code, field: response.json().error.field }).toEqual({ status: 400, code: 'REQUEST_INVALID', field: 'limit' });
    expect(response.json().error.message).toBe('Invalid query field "limit": the parameter is given 2 times ("1", "2"); give it once.');
    const text = await app.inject({ method: 'GET', url: '/api/customers?q=a&q=b', headers: admin.readHeaders });
    expect(text.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'q' });
  });

  it('names a __proto__ or constructor.prototype key as the field at fault, not as JSON that is not valid', async () => {
    const proto = await app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name":"p","__proto__":{"x":1}}' });
    expect({ status: proto.statusCode, code: proto.json().error.code, field: proto.json().error.field }).toEqual({ status: 400, code: 'REQUEST_INVALID', field: '__proto__' });
    expect(proto.json().error.message).toContain('the key "__proto__" is not allowed');
    const nested = await app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name":"p","attributes":{"constructor":{"prototype":{}}}}' });
    expect(nested.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'attributes.constructor' });
    // JSON that is not valid is still said to be so
    const broken = await app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(broken.json().error.code).toBe('REQUEST_BODY_INVALID_JSON');
  });

  it('says an Idempotency-Key reused with the same body on another ingest endpoint was used for that endpoint', async () => {
    const payload = { records: [{ order_id: 'W1', customer_id: 'K1', ordered_at: '2024-06-01', amount: '10000' }] };
    const headers = { ...admin.headers, 'idempotency-key': 'batch-1' };
    expect((await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload })).statusCode).toBe(200);
    const elsewhere = await app.inject({ method: 'POST', url: '/api/ingest/events', headers, payload });
    expect({ status: elsewhere.statusCode, code: elsewhere.json().error.code }).toEqual({ status: 409, code: 'INGEST_IDEMPOTENCY_MISMATCH' });
    expect(elsewhere.json().error.message).toContain('was already used for POST /api/ingest/orders, a different endpoint');
    const otherBody = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { records: [{ ...payload.records[0], amount: '20000' }] } });
    expect(otherBody.json().error.message).toContain('with a different request body');
  });

  it('speaks of the body size limit in MB when a body is too large, and of the record limit apart', async () => {
    const record = `{"order_id":"W1","customer_id":"K1","ordered_at":"2024-06-01","amount":"10000","note":"${'x'.repeat(1000)}"},`;
    const huge = `{"records":[${record.repeat(21_000)}{}]}`;
    const response = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: huge });
    expect({ status: response.statusCode, code: response.json().error.code }).toEqual({ status: 413, code: 'REQUEST_BODY_TOO_LARGE' });
    expect(response.json().error.message).toBe('The body is larger than the 20 MB this request accepts. Send the records in several batches; besides this size limit, a batch holds at most 10,000 records.');
  });
});

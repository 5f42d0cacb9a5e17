import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../../test/helpers/auth.js';
import { buildApp } from '../app.js';
import { maxBodyDepth } from './edge-input.js';
import { fixedClock } from '../../core/clock.js';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Input the edge must refuse with 400 and the offending field, never hand on to the database as a 500. */
describeEachStore('input refused at the edge over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let ingestKey: { headers: Record<string, string> };
  let buyerId: number;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    ingestKey = await createTestApiKey(context.store, ['ingest']);
    for (const name of ['Ayu', 'Bima', 'Citra']) {
      const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name, email: `${name.toLowerCase()}@example.com` } });
      expect(created.statusCode).toBe(201);
    }
    const records = [
      { order_id: 'E1', customer_email: 'ayu@example.com', ordered_at: '2024-06-01T10:00:00+07:00', amount: '55000' },
      { order_id: 'E2', customer_email: 'ayu@example.com', ordered_at: '2024-06-02T10:00:00+07:00', amount: '25000' },
      { order_id: 'E3', customer_email: 'bima@example.com', ordered_at: '2024-06-03T10:00:00+07:00', amount: '15000' },
    ];
    const ingested = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records } });
    expect(ingested.json()).toMatchObject({ inserted: 3 });
    buyerId = (await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=email&value=ayu@example.com', headers: admin.headers })).json().customer.customer_id;
  });
  afterAll(async () => app?.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: admin.headers });
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) => app.inject({ method, url, headers: admin.headers, payload: payload as object });
  const expectRefused = (response: Awaited<ReturnType<typeof get>>, error: { code: string; field: string }) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject(error);
    expect(response.json().error.message).toEqual(expect.any(String));
  };

  it('refuses customer-list cursors the server did not issue', async () => {
    const crafted = [[1, 1e20, 'recent'], [1e20, 5, 'revenue'], [1.5, 2.5, 'revenue'], ['9999-99-99 99:99:99+00', 5, 'last_purchase'], ['2026-02-30 10:00:00+00', 5, 'last_purchase'], ['a', 1e300, 'name'], ['a\u0000', 5, 'name'], [1, -1, 'recent'], { value: 1 }];
    for (const cursor of crafted) expectRefused(await get(`/api/customers?cursor=${cursorOf(cursor)}&sort=${Array.isArray(cursor) ? cursor[2] : 'recent'}`), { code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
  });

  it('keeps paging with the cursors it issues, in every sort order', async () => {
    for (const sort of ['recent', 'revenue', 'last_purchase', 'name']) {
      const first = await get(`/api/customers?limit=1&sort=${sort}`);
      expect(first.json().nextCursor, sort).toEqual(expect.any(String));
      const second = await get(`/api/customers?limit=1&sort=${sort}&cursor=${first.json().nextCursor}`);
      expect(second.statusCode, sort).toBe(200);
      expect(second.json().items[0].customer_id, sort).not.toBe(first.json().items[0].customer_id);
    }
  });

  it('refuses timeline cursors the server did not issue, and follows those it did', async () => {
    for (const cursor of [['1724980650000000 interest', 1e30], ['-1 order', 1.5], ['1e3 order', 1], ['1724980650000000 order extra', 1]]) {
      expectRefused(await get(`/api/customers/${buyerId}/timeline?cursor=${cursorOf(cursor)}`), { code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
    }
    const first = await get(`/api/customers/${buyerId}/timeline?limit=1`);
    const second = await get(`/api/customers/${buyerId}/timeline?limit=1&cursor=${first.json().nextCursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().items).toHaveLength(1);
  });

  it('bounds the alerts page', async () => {
    expectRefused(await get('/api/alerts?offset=9007199254740991'), { code: 'REQUEST_INVALID', field: 'offset' });
    expect((await get('/api/alerts?offset=10')).statusCode).toBe(200);
  });

  it('refuses days that do not exist, naming the field', async () => {
    expectRefused(await send('POST', '/api/analytics/analyze', { asOf: '2026-02-30' }), { code: 'REQUEST_INVALID', field: 'asOf' });
    expectRefused(await send('POST', '/api/analytics/analyze', { asOf: '2026-02-30T10:00:00Z' }), { code: 'REQUEST_INVALID', field: 'asOf' });
    expectRefused(await get('/api/reports/lifecycle?asOf=2026-02-30'), { code: 'REQUEST_INVALID', field: 'asOf' });
    expectRefused(await get('/api/reports/cohorts?asOf=2026-13-45'), { code: 'REQUEST_INVALID', field: 'asOf' });
    expectRefused(await get('/api/reports/revenue?from=2026-13-45'), { code: 'REQUEST_INVALID', field: 'from' });
    expectRefused(await get('/api/reports/revenue?to=1900-01-01'), { code: 'REQUEST_INVALID', field: 'to' });
    expectRefused(await get('/api/reports/type-migration?from=2026-13-45'), { code: 'REQUEST_INVALID', field: 'from' });
    expectRefused(await send('POST', '/api/models/validate', { calibrationEnd: '2026-13-45', holdoutEnd: '2026-14-50' }), { code: 'REQUEST_INVALID', field: 'calibrationEnd' });
    expectRefused(await send('POST', '/api/models/fit', { calibrationEnd: '2026-02-29' }), { code: 'REQUEST_INVALID', field: 'calibrationEnd' });
    expectRefused(await send('POST', '/api/models/predict', { asOf: '2026-04-31' }), { code: 'REQUEST_INVALID', field: 'asOf' });
  });

  it('still takes real days and times', async () => {
    expect((await get('/api/reports/lifecycle?asOf=2024-02-29')).statusCode).toBe(200);
    expect((await get('/api/reports/cohorts?asOf=2024-06-30T12:00:00Z')).statusCode).toBe(200);
    expect((await get('/api/reports/revenue?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
    expect((await get('/api/reports/type-migration?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
  });

  it('refuses the NUL character anywhere in a query string or JSON body, naming the field', async () => {
    expectRefused(await get('/api/customers?q=%00'), { code: 'REQUEST_INVALID', field: 'q' });
    expectRefused(await get('/api/customers?city=%00'), { code: 'REQUEST_INVALID', field: 'city' });
    expectRefused(await get('/api/audit?actor=%00'), { code: 'REQUEST_INVALID', field: 'actor' });
    expectRefused(await get('/api/customers/lookup?kind=email&value=a%00@b.c'), { code: 'REQUEST_INVALID', field: 'value' });
    const body = await send('POST', '/api/customers', { name: 'a\u0000b' });
    expectRefused(body, { code: 'REQUEST_INVALID', field: 'name' });
    expect(body.json().error.details).toMatchObject({ context: 'body' });
    expectRefused(await send('POST', '/api/customers', { name: 'Dian', identities: [{ kind: 'external', namespace: 'card', value: 'x\u0000' }] }), { code: 'REQUEST_INVALID', field: 'identities.0.value' });
    expectRefused(await send('PATCH', '/api/analytics/policy', { ['vip\u0000']: 1 }), { code: 'REQUEST_INVALID', field: 'vip\u0000' });
  });

  it('leaves NUL in ingest records to the per-record checks', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: ingestKey.headers, payload: { records: [{ customer_id: 'N1', name: 'a\u0000b' }] } });
    expect(response.json().error?.code).not.toBe('REQUEST_INVALID');
    expectRefused(await app.inject({ method: 'POST', url: '/api/ingest/customers?note=%00', headers: ingestKey.headers, payload: { records: [{ customer_id: 'N2' }] } }), { code: 'REQUEST_INVALID', field: 'note' });
  });

  it('refuses a body nested deeper than the API reads with 400, naming the field, with or without an Idempotency-Key', async () => {
    const nested = (depth: number): string => '['.repeat(depth) + '1' + ']'.repeat(depth);
    const ingest = (depth: number, key?: string) => app.inject({
      method: 'POST', url: '/api/ingest/customers', payload: `{"records":[{"customer_id":"D${depth}","name":${nested(depth)}}]}`,
      headers: { ...ingestKey.headers, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
    for (const key of ['deep-batch', undefined]) {
      const refused = await ingest(20_000, key);
      expectRefused(refused, { code: 'REQUEST_INVALID', field: 'records.0.name' });
      expect(refused.json().error.message).toContain(`at most ${maxBodyDepth} levels`);
    }
    // as deep as allowed: the batch answers, rejecting the record whose name is not a text
    const deepest = await ingest(maxBodyDepth - 3, 'deepest-batch');
    expect(deepest.statusCode, deepest.body).toBe(200);
    expect(deepest.json().rejects).toEqual([expect.objectContaining({ field: 'name', code: 'FIELD_NOT_SCALAR' })]);
    expectRefused(await ingest(maxBodyDepth - 2), { code: 'REQUEST_INVALID', field: 'records.0.name' });
    const filter = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: `{"filter":${nested(5_000)}}` });
    expectRefused(filter, { code: 'REQUEST_INVALID', field: 'filter.0.0' });
  });

  it('refuses a body hundreds of thousands of levels deep from its text, before JSON.parse reads it, and still reads a large ordinary body', async () => {
    const levels = 300_000;
    const deep = `{"records":[{"customer_id":"X","name":${'['.repeat(levels)}1${']'.repeat(levels)}}]}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const refused = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: { ...ingestKey.headers, 'content-type': 'application/json' }, payload: deep });
      expectRefused(refused, { code: 'REQUEST_INVALID', field: 'records.0.name' });
      expect(refused.json().error.message).toBe(`Invalid body field "records.0.name.0.0.0…": arrays and objects may nest at most ${maxBodyDepth} levels deep. Send flatter data.`);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length >= deep.length)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    // about 2 MB, its brackets inside strings: they nest nothing
    const records = Array.from({ length: 2_000 }, (_, index) => ({ customer_id: `L${index}`, name: `Large ${index}`, padding: '[{'.repeat(500) }));
    const large = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: ingestKey.headers, payload: { records } });
    expect(large.statusCode, large.body.slice(0, 500)).toBe(200);
    expect(large.json()).toMatchObject({ inserted: 2_000, rejected: 0, ignoredFields: ['padding'] });
  });

  it('still refuses a body setting __proto__ or constructor.prototype (secure-json-parse)', async () => {
    // valid JSON, refused naming the key rather than as JSON that is not valid
    for (const [payload, field] of [['{"name":"Proto","__proto__":{"isAdmin":true}}', '__proto__'], ['{"name":"Proto","constructor":{"prototype":{"isAdmin":true}}}', 'constructor']]) {
      const refused = await app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'content-type': 'application/json' }, payload });
      expect({ status: refused.statusCode, code: refused.json().error.code, field: refused.json().error.field }, refused.body).toEqual({ status: 400, code: 'REQUEST_INVALID', field });
    }
  });

  it('names the unexpected field', async () => {
    expectRefused(await send('PATCH', `/api/customers/${buyerId}`, { isAdmin: true }), { code: 'REQUEST_INVALID', field: 'isAdmin' });
    const policy = await send('PATCH', '/api/analytics/policy', { vip: { topPercent: 101 } });
    expectRefused(policy, { code: 'ANALYTICS_POLICY_INVALID', field: 'vip.topPercent' });
    expectRefused(await send('PATCH', '/api/analytics/policy', { vip: { topPercentage: 3 } }), { code: 'ANALYTICS_POLICY_INVALID', field: 'vip.topPercentage' });
  });

  it('answers body problems with the API\'s own codes, and reads an empty JSON body as no body', async () => {
    const raw = (body: string, contentType: string, url = '/api/ingest/orders') =>
      app.inject({ method: 'POST', url, headers: { ...ingestKey.headers, 'content-type': contentType }, payload: body });
    const broken = await raw('{"records": [', 'application/json');
    expect({ status: broken.statusCode, code: broken.json().error.code, field: broken.json().error.field }).toEqual({ status: 400, code: 'REQUEST_BODY_INVALID_JSON', field: 'body' });
    const text = await raw('{"records": []}', 'text/plain');
    expect({ status: text.statusCode, code: text.json().error.code }).toEqual({ status: 415, code: 'REQUEST_MEDIA_TYPE_UNSUPPORTED' });
    expect(text.json().error.message).toContain('application/json');
    const tooLarge = await raw(`{"records": [${'"x",'.repeat(6_000_000)}"x"]}`, 'application/json');
    expect({ status: tooLarge.statusCode, code: tooLarge.json().error.code }).toEqual({ status: 413, code: 'REQUEST_BODY_TOO_LARGE' });
    // a POST without a body, sent as JSON by a client that always sets the header
    const leaving = await signInAs(context.store, 'analyst');
    const signOut = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...leaving.headers, 'content-type': 'application/json' }, payload: '' });
    expect(signOut.statusCode).toBeLessThan(300);
    const noRecords = await raw('', 'application/json');
    expect({ status: noRecords.statusCode, code: noRecords.json().error.code }).toEqual({ status: 400, code: 'REQUEST_INVALID' });
  });

  it('names the field of every problem of a request that has several', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/customers?limit=abc&sort=zzz', headers: admin.headers });
    expect(response.statusCode).toBe(400);
    const issues: string[] = response.json().error.details.issues;
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['limit', 'sort']);
  });
  it('says what a number field wanted and what it got, not zod\'s "received NaN"', async () => {
    const byPath = await get('/api/customers/abc');
    expectRefused(byPath, { code: 'REQUEST_INVALID', field: 'customerId' });
    expect(byPath.json().error.message).toBe('Invalid params field "customerId": expected a number, got "abc"');
    const inQuery = await get('/api/customers?limit=lots');
    expectRefused(inQuery, { code: 'REQUEST_INVALID', field: 'limit' });
    expect(inQuery.json().error.message).toContain('expected a number, got "lots"');
    const inBody = await send('POST', `/api/customers/${buyerId}/merge`, { otherCustomerId: 'Bima' });
    expectRefused(inBody, { code: 'REQUEST_INVALID', field: 'otherCustomerId' });
    expect(inBody.json().error.details.issues).toEqual(['otherCustomerId: expected a number, got "Bima"']);
    expect((await get('/api/customers/1.5')).json().error.message).toBe('Invalid params field "customerId": expected a whole number, got "1.5"');
    const missing = await get('/api/customers/lookup?kind=email');
    expect(missing.json().error.message).toBe('Invalid querystring field "value": is required');
    // a number out of range keeps its own message: it says the limit
    expect((await get('/api/customers?limit=0')).json().error.message).toMatch(/limit.*>=1/);
  });
});

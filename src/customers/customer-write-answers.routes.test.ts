import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { apiKeyScopes, roles, type ApiKeyScope } from '../auth/index.js';
import type { StaffRole } from '../db/schema.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

type Target = { customerId: number; email: string };

/** The three writes that answer with a customer, each on a customer of its own (see `personOf`). */
const writes = [
  { name: 'POST /customers', send: (app: FastifyInstance, headers: AuthHeaders, label: string) => app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: `Created by ${label}`, city: 'Bandung' } }) },
  { name: 'PATCH /customers/:id', send: (app: FastifyInstance, headers: AuthHeaders, _label: string, { customerId }: Target) => app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers, payload: { city: 'Surabaya' } }) },
  {
    name: 'DELETE /customers/:id/identities',
    send: (app: FastifyInstance, headers: AuthHeaders, _label: string, { customerId, email }: Target) => app.inject({ method: 'DELETE', url: `/api/customers/${customerId}/identities?kind=email&value=${encodeURIComponent(email)}`, headers }),
  },
] as const;

describeEachStore('what a customer write answers, by what the caller may read', (context) => {
  let app: FastifyInstance;
  let owner: AuthHeaders;
  const keys = new Map<string, AuthHeaders>();
  const staff = new Map<StaffRole, AuthHeaders>();

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    for (const role of roles) staff.set(role, (await signInAs(context.store, role)).headers);
    owner = staff.get('owner')!;
    for (const scope of apiKeyScopes) keys.set(scope, (await createTestApiKey(context.store, [scope], `answers-${scope}`)).headers);
    keys.set('read+write', (await createTestApiKey(context.store, ['read', 'write'], 'answers-read-write')).headers);
  });
  afterAll(async () => app?.close());

  let people = 0;
  const personOf = async (): Promise<Target> => {
    people += 1;
    const email = `private-${people}@example.com`;
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: owner, payload: { name: 'Private Person', email, phone: `+62812${String(people).padStart(8, '0')}` } });
    return { customerId: created.json().customer.customer_id, email };
  };

  it('answers a key with the write scope alone only the customer\'s number, though the write is done', async () => {
    const writeOnly = keys.get('write')!;
    const target = await personOf();
    const { customerId } = target;
    expect((await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: writeOnly })).statusCode).toBe(403);

    const created = await writes[0].send(app, writeOnly, 'write');
    expect(created.statusCode).toBe(201);
    const createdId = created.json().customerId;
    expect(created.json()).toEqual({ customerId: expect.any(Number) });
    expect(created.headers.location).toBe(`/api/customers/${createdId}`);
    const stored = await app.inject({ method: 'GET', url: `/api/customers/${createdId}`, headers: owner });
    expect(stored.json().customer).toMatchObject({ name: 'Created by write', city: 'Bandung' });

    const patched = await writes[1].send(app, writeOnly, 'write', target);
    expect({ status: patched.statusCode, body: patched.json() }).toEqual({ status: 200, body: { customerId } });
    const removed = await writes[2].send(app, writeOnly, 'write', target);
    expect({ status: removed.statusCode, body: removed.json() }).toEqual({ status: 200, body: { customerId, clearedField: 'email' } });

    const after = (await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: owner })).json();
    expect(after.customer).toMatchObject({ city: 'Surabaya', email: null });
    expect(after.identities.map((identity: { kind: string }) => identity.kind)).toEqual(['phone']);
  });

  it('keeps answering the whole customer to every caller that may read customers: staff that write them, and keys with read or admin', async () => {
    const readers: Array<[string, AuthHeaders]> = [
      ...roles.filter((role) => role !== 'analyst').map((role): [string, AuthHeaders] => [role, staff.get(role)!]),
      ['api key [admin]', keys.get('admin')!],
      ['api key [read, write]', keys.get('read+write')!],
    ];
    for (const [label, headers] of readers) {
      const target = await personOf();
    const { customerId } = target;
      const created = await writes[0].send(app, headers, label);
      expect({ label, status: created.statusCode, customer: created.json().customer }).toMatchObject({ label, status: 201, customer: { name: `Created by ${label}`, city: 'Bandung' } });
      const patched = await writes[1].send(app, headers, label, target);
      expect({ label, status: patched.statusCode, customer: patched.json().customer }).toMatchObject({ label, status: 200, customer: { customer_id: customerId, city: 'Surabaya', name: 'Private Person' } });
      expect(patched.json().identities.length).toBeGreaterThan(0);
      const removed = await writes[2].send(app, headers, label, target);
      expect({ label, status: removed.statusCode, body: removed.json() }).toMatchObject({
        label, status: 200, body: { removed: { kind: 'email', value: target.email }, clearedField: 'email', customer: { customer: { customer_id: customerId, email: null } } },
      });
    }
  });

  it('refuses these writes to callers without customers:write, as before', async () => {
    const target = await personOf();
    const refused: Array<[string, AuthHeaders]> = [
      ['analyst', staff.get('analyst')!],
      ...(['read', 'ingest', 'audit'] satisfies ApiKeyScope[]).map((scope): [string, AuthHeaders] => [`api key [${scope}]`, keys.get(scope)!]),
    ];
    for (const [label, headers] of refused) {
      for (const write of writes) {
        const response = await write.send(app, headers, label, target);
        expect({ label, write: write.name, status: response.statusCode, code: response.json().error?.code }).toEqual({ label, write: write.name, status: 403, code: 'AUTH_FORBIDDEN' });
      }
    }
  });

  it('refuses a PATCH that changes nothing, naming what may be changed, and records no update', async () => {
    const target = await personOf();
    const { customerId } = target;
    const updatesOf = async () => (await context.store.db.selectFrom('audit_event').select('audit_id').where('action', '=', 'customer.update').where('entity_id', '=', String(customerId)).execute()).length;
    const before = await updatesOf();
    for (const [label, headers] of [['write key', keys.get('write')!], ['agent', staff.get('agent')!], ['owner', owner]] as const) {
      for (const payload of [{}, { identities: [] }]) {
        const response = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers, payload });
        expect({ label, payload, status: response.statusCode, code: response.json().error?.code }).toEqual({ label, payload, status: 400, code: 'REQUEST_INVALID' });
        expect(response.json().error.message).toContain('Give at least one field to change: kind, name, email, phone, birthYear, gender, city, region, country, incomeBand, consentEmail, consentSms, consentWhatsapp, consentProfiling, identities');
      }
    }
    expect(await updatesOf()).toBe(before);
    // clearing a field is a change, not an empty body (a field that holds a value: clearing an empty one changes nothing, and is not audited)
    const cleared = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: keys.get('write')!, payload: { name: null } });
    expect({ status: cleared.statusCode, body: cleared.json() }).toEqual({ status: 200, body: { customerId } });
    expect(await updatesOf()).toBe(before + 1);
  });
});

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

describeEachStore('customers and ingest over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let analyst: TestSession;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    analyst = await signInAs(context.store, 'analyst');
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  const orders = [
    { order_id: 'W1', customer_email: 'Dewi@Example.com', ordered_at: '2024-06-01T10:00:00+07:00', amount: '55000', channel: 'web' },
    { order_id: 'W2', customer_phone: '0813-1111-2222', ordered_at: '2024-06-02T10:00:00+07:00', amount: '25000', channel: 'mobile' },
    { order_id: 'W3', customer_email: 'dewi@example.com', ordered_at: 'yesterday', amount: '1' },
  ];

  it('ingests a batch with an API key and replays it for the same Idempotency-Key', async () => {
    const send = (key: string, records = orders) => app.inject({ method: 'POST', url: '/api/ingest/orders', headers: { ...ingestKey.headers, 'idempotency-key': key }, payload: { records } });
    const first = await send('batch-1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ read: 3, inserted: 2, rejected: 1, rejects: [{ line: 3, field: 'ordered_at' }] });
    const replay = await send('batch-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const misuse = await send('batch-1', orders.slice(0, 1));
    expect(misuse.statusCode).toBe(409);
    expect(misuse.json().error.code).toBe('INGEST_IDEMPOTENCY_MISMATCH');
    const again = await send('batch-2');
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 2 });
    // an answer stored by an earlier version (its rejects had no code yet) is replayed as it was sent, not refused by today's schema
    const stored = await context.store.db.selectFrom('idempotency_record').select(['response']).where('idempotency_key', '=', 'batch-2').executeTakeFirstOrThrow();
    const legacy = typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response;
    legacy.rejects = legacy.rejects.map(({ code: _code, params: _params, ...reject }: Record<string, unknown>) => reject);
    await context.store.db.updateTable('idempotency_record').set({ response: JSON.stringify(legacy) }).where('idempotency_key', '=', 'batch-2').execute();
    const legacyReplay = await send('batch-2');
    expect({ status: legacyReplay.statusCode, body: legacyReplay.json() }).toEqual({ status: 200, body: legacy });
    expect(legacy.rejects[0]).toMatchObject({ line: 3, field: 'ordered_at' });
  });

  it('reads times in the batch\'s date format and names the import after the file the records came from', async () => {
    const record = (id: string, at: string) => ({ order_id: id, customer_email: 'eka@example.com', ordered_at: at, amount: '30000' });
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers,
      payload: { records: [record('DF1', '03/04/2024 10:30'), record('DF2', '2024-04-03')], dateFormat: 'dd/MM/yyyy HH:mm', fileName: 'till-export.csv', source: 'till' },
    });
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({ inserted: 1, rejected: 1, rejects: [{ line: 2, field: 'ordered_at' }] });
    expect(summary.rejects[0].reason).toContain('dd/MM/yyyy HH:mm');
    const stored = await context.store.db.selectFrom('customer_order').select(['ordered_at', 'source']).where('external_id', '=', 'DF1').executeTakeFirstOrThrow();
    // 3 April, in the store's zone (the default, UTC+7 here: Asia/Jakarta)
    expect({ at: new Date(stored.ordered_at).toISOString(), source: stored.source }).toEqual({ at: '2024-04-03T03:30:00.000Z', source: 'till' });
    const runs = await app.inject({ method: 'GET', url: '/api/imports?limit=1', headers: admin.headers });
    expect(runs.json().items[0]).toMatchObject({ import_id: summary.importId, file_name: 'till-export.csv', entity: 'orders' });
    // a misspelt option is refused, and a field no canonical field reads is named in the answer
    const misspelt = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records: [record('DF4', '2024-04-03')], date_format: 'dd/MM/yyyy' } });
    expect({ status: misspelt.statusCode, error: misspelt.json().error }).toMatchObject({ status: 400, error: { code: 'REQUEST_INVALID', field: 'date_format' } });
    const typo = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records: [{ ...record('DF5', '2024-04-03'), chanel: 'web' }] } });
    expect(typo.json()).toMatchObject({ inserted: 1, ignoredFields: ['chanel'] });
    // a format that reads no date is refused before any row, naming the field
    const unreadable = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records: [record('DF3', '05/11/2026')], dateFormat: 'qq/zz' } });
    expect({ status: unreadable.statusCode, error: unreadable.json().error }).toMatchObject({ status: 400, error: { code: 'IMPORT_DATE_FORMAT_INVALID', field: 'dateFormat' } });
  });

  it('refuses an id sent as an array or an object, naming the field, instead of storing its JSON', async () => {
    const record = (orderId: unknown) => ({ order_id: orderId, customer_email: 'nested@example.com', ordered_at: '2024-06-03T10:00:00+07:00', amount: '1000' });
    const response = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records: [record(['a', 'b']), record({ x: 1 }), record('N3')] } });
    expect(response.json()).toMatchObject({ read: 3, inserted: 1, rejected: 2, rejects: [{ line: 1, field: 'order_id' }, { line: 2, field: 'order_id' }] });
    expect(response.json().rejects[0].reason).toBe('item 1 has a list (JSON array) in "order_id", which takes one value; give a single value for order_id: text, a number or true/false');
  });

  it('says which record field a batch lacks, without the file import flags', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/ingest/events', headers: ingestKey.headers, payload: { records: [{ customer_email: 'dewi@example.com', occurred_at: '2024-06-01T10:00:00+07:00' }] } });
    expect(response.statusCode).toBe(200);
    const [reject] = response.json().rejects;
    expect(reject).toMatchObject({ code: 'FIELD_REQUIRED', field: 'kind' });
    expect(reject.reason).toBe('kind is empty; say what happened: signup, inquiry, cart, visit, newsletter or other');
    expect(JSON.stringify(reject)).not.toMatch(/--map|--preset/);
  });

  it('finds a customer by any identity, normalised', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=email&value=%20DEWI@example.com', headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    expect(response.json().traits).toMatchObject({ order_count: 1, revenue_minor: 55000 });
    const missing = await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=phone&value=0800', headers: analyst.readHeaders });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID', field: 'value' });
    const noNamespace = await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=external&value=LC-0001', headers: analyst.readHeaders });
    expect(noNamespace.statusCode).toBe(400);
    expect(noNamespace.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID', field: 'namespace' });
    expect(noNamespace.json().error.message).toContain('needs a namespace');
  });

  it('creates a customer once for a retried request with the same Idempotency-Key, and refuses the key with another body', async () => {
    const create = (payload: Record<string, unknown>, key: string) => app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'idempotency-key': key }, payload });
    const first = await create({ name: 'Gita Retry' }, 'create-gita');
    const again = await create({ name: 'Gita Retry' }, 'create-gita');
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().customer.customer_id).toBe(first.json().customer.customer_id);
    expect([first.headers['idempotent-replayed'], again.headers['idempotent-replayed']]).toEqual([undefined, 'true']);
    expect(again.headers.location).toBe(`/api/customers/${first.json().customer.customer_id}`);
    const named = await app.inject({ method: 'GET', url: '/api/customers?q=gita%20retry', headers: admin.headers });
    expect(named.json().items).toHaveLength(1);
    const otherBody = await create({ name: 'Someone Else' }, 'create-gita');
    expect({ status: otherBody.statusCode, code: otherBody.json().error.code }).toEqual({ status: 409, code: 'INGEST_IDEMPOTENCY_MISMATCH' });
  });

  it('names the field a taken or incomplete identity came from', async () => {
    const owner = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Maya', email: 'ma@example.com', phone: '+62 812 5555 0001', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-MA' }] } });
    expect(owner.statusCode).toBe(201);
    const other = (await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Other' } })).json().customer.customer_id;
    const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${other}`, headers: admin.headers, payload });
    const ownerId = owner.json().customer.customer_id;
    const email = await patch({ email: 'ma@example.com' });
    expect(email.statusCode).toBe(409);
    // the customer who has it is named, so the app can link them and offer the merge
    expect(email.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'email', details: { belongsTo: ownerId } });
    expect((await patch({ phone: '0812-5555-0001' })).json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'phone', details: { belongsTo: ownerId } });
    const card = await patch({ identities: [{ kind: 'email', value: 'other@example.com' }, { kind: 'external', namespace: 'loyalty_card', value: 'LC-MA' }] });
    expect(card.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'identities.1', details: { belongsTo: ownerId } });
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Copy', email: 'MA@example.com' } });
    expect(created.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'email' });
    const noNamespace = await patch({ identities: [{ kind: 'external', value: 'LC-0001' }] });
    expect(noNamespace.statusCode).toBe(400);
    expect(noNamespace.json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID', field: 'identities.0.namespace' });
    expect((await patch({ identities: [{ kind: 'phone', value: '0800' }] })).json().error).toMatchObject({ code: 'CUSTOMER_IDENTITY_INVALID', field: 'identities.0.value' });
  });

  it('reads a blank text as no value, never as an identity, and refuses a country code that names no country', async () => {
    const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload });
    const first = await create({ name: 'Blank One', email: '', phone: '  ', city: ' ' });
    expect(first.statusCode).toBe(201);
    expect(first.json().customer).toMatchObject({ email: null, phone: null, city: null });
    expect(first.json().identities).toEqual([]);
    const firstId = first.json().customer.customer_id;
    expect(first.headers.location, 'where the new customer is').toBe(`/api/customers/${firstId}`);
    const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/customers/${firstId}`, headers: admin.headers, payload });
    const cleared = await patch({ email: '', phone: '', name: '   ', region: '\t' });
    expect({ status: cleared.statusCode, customer: cleared.json().customer, identities: cleared.json().identities })
      .toMatchObject({ status: 200, customer: { name: null, email: null, phone: null, region: null }, identities: [] });
    // an address of invisible characters only, as pasted from a chat app, is as blank
    expect((await patch({ email: '\u200B' })).json().customer.email).toBeNull();
    // once, a blank email became the identity "" and every later blank one was "already taken"
    const second = await create({ name: 'Blank Two', email: '', phone: '' });
    expect(second.statusCode).toBe(201);
    const blankKeys = await context.store.db.selectFrom('customer_identity').select('value').where(sql<boolean>`btrim(value) = ''`).execute();
    expect(blankKeys).toEqual([]);
    const nothing = await create({ name: ' ', email: '' });
    expect({ status: nothing.statusCode, code: nothing.json().error.code }).toEqual({ status: 400, code: 'CUSTOMER_EMPTY' });
    for (const country of ['xx', 'ZZ', 'Lettland', '1D']) {
      const wrong = await patch({ country });
      expect({ country, status: wrong.statusCode, error: wrong.json().error }).toMatchObject({ country, status: 400, error: { code: 'REQUEST_INVALID', field: 'country' } });
    }
    expect((await patch({ country: 'lv' })).json().customer.country).toBe('LV');
    expect((await patch({ country: ' ' })).json().customer.country).toBeNull();
  });

  it("reads a country's name in English, Indonesian or Latvian as the import does, storing its code", async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Ilze Ozola', country: 'Latvija', phone: '2612 3456' } });
    expect(created.statusCode).toBe(201);
    // the phone is read in the customer's country, known from the name
    expect(created.json().customer).toMatchObject({ country: 'LV', phone: '+37126123456' });
    const patch = (country: string) => app.inject({ method: 'PATCH', url: `/api/customers/${created.json().customer.customer_id}`, headers: admin.headers, payload: { country } });
    expect((await patch(' indonesia ')).json().customer.country).toBe('ID');
    expect((await patch('Vācija')).json().customer.country).toBe('DE');
    expect((await patch('Jerman')).json().customer.country).toBe('DE');
    const unknown = await patch('Lettland');
    expect({ status: unknown.statusCode, error: unknown.json().error }).toMatchObject({ status: 400, error: { code: 'REQUEST_INVALID', field: 'country' } });
    expect(unknown.json().error.message).toContain(`"Lettland" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country's name in English, Indonesian or Latvian`);
  });

  it('says on create that the customer exists already, and on update who may merge', async () => {
    const owner = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Novi Halim', phone: '0857 8499 6198' } });
    const ownerId = owner.json().customer.customer_id;
    const twice = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Novi Halim', phone: '0857 8499 6198' } });
    expect({ status: twice.statusCode, error: twice.json().error }).toMatchObject({ status: 409, error: { code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'phone', details: { belongsTo: ownerId } } });
    expect(twice.json().error.message).toBe(`This customer already exists as #${ownerId}, who has the phone number "+6285784996198". Open customer #${ownerId} and add the details there instead of creating a second customer.`);
    const other = (await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Novi H.' } })).json().customer.customer_id;
    const taken = await app.inject({ method: 'PATCH', url: `/api/customers/${other}`, headers: admin.headers, payload: { phone: '+62 857-8499-6198' } });
    expect({ status: taken.statusCode, error: taken.json().error }).toMatchObject({ status: 409, error: { code: 'CUSTOMER_IDENTITY_CONFLICT', field: 'phone', details: { belongsTo: ownerId } } });
    expect(taken.json().error.message).toBe(`The phone number "+6285784996198" already belongs to customer #${ownerId}. If they are one person, merge the two customers (an admin or owner can); otherwise correct it.`);
  });

  it('records the values an update changed, as they were and became', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Audit Ayu', city: 'Bandung', country: 'ID' } });
    const customerId = created.json().customer.customer_id;
    const updated = await app.inject({
      method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers,
      payload: { email: 'Ayu@Example.com', city: 'Surabaya', country: 'id', name: 'Audit Ayu', consentSms: true },
    });
    expect(updated.statusCode).toBe(200);
    const entry = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.update').where('entity_id', '=', String(customerId)).executeTakeFirstOrThrow();
    const detail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    // the name and country sent as they were are no change
    expect(detail).toEqual({
      fields: ['email', 'city', 'consentSms'],
      before: { email: null, city: 'Bandung', consentSms: null },
      after: { email: 'ayu@example.com', city: 'Surabaya', consentSms: true },
      // the new email is a new identity of theirs
      identities: 1, addedIdentities: [{ kind: 'email', namespace: '', value: 'ayu@example.com' }],
    });
  });

  it('takes WhatsApp consent as SMS consent: set, refused, cleared, under either name, with its proof and in the list', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Wulan WA', email: 'wulan@example.com', consentWhatsapp: true } });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer).toMatchObject({ consent_whatsapp: true, consent_sms: null });
    const customerId = created.json().customer.customer_id;
    const refused = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consent_whatsapp: false } });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().customer).toMatchObject({ consent_whatsapp: false });
    expect(refused.json().consents.whatsapp).toMatchObject({ source: 'staff', since: expect.any(String) });
    expect(refused.json().consents.sms).toMatchObject({ source: null, since: null });
    const entry = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.update').where('entity_id', '=', String(customerId)).executeTakeFirstOrThrow();
    const detail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    expect(detail).toMatchObject({ fields: ['consentWhatsapp'], before: { consentWhatsapp: true }, after: { consentWhatsapp: false } });
    const both = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consent_whatsapp: true, consentWhatsapp: true } });
    expect(both.statusCode).toBe(400);
    const notBoolean = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consentWhatsapp: 'ya' } });
    expect(notBoolean.statusCode).toBe(400);
    const agreed = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consentWhatsapp: true } });
    expect(agreed.json().customer).toMatchObject({ consent_whatsapp: true });
    const listed = await app.inject({ method: 'GET', url: '/api/customers?q=wulan&consent=whatsapp', headers: analyst.readHeaders });
    expect(listed.json().items).toEqual([expect.objectContaining({ customer_id: customerId, consent_whatsapp: true, consent_sms: null })]);
    const cleared = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consentWhatsapp: null } });
    expect(cleared.json().customer).toMatchObject({ consent_whatsapp: null });
    expect((await app.inject({ method: 'GET', url: '/api/customers?q=wulan&consent=whatsapp', headers: analyst.readHeaders })).json().items).toEqual([]);
    const changes = await context.store.db.selectFrom('customer_consent_change').select(['kind', 'granted', 'source']).where('customer_id', '=', customerId).orderBy('change_id').execute();
    expect(changes).toEqual([true, false, true, null].map((granted) => ({ kind: 'whatsapp', granted, source: 'staff' })));
  });

  it('creates, updates, searches and pages customers', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Rina Kusuma', email: 'rina@example.com', city: 'Surabaya', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-77' }] } });
    expect(created.statusCode).toBe(201);
    const customerId = created.json().customer.customer_id;
    const updated = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consentEmail: true, phone: '+62 812 9999 0000' } });
    expect(updated.json().customer).toMatchObject({ consent_email: true, phone: '+6281299990000' });
    const search = await app.inject({ method: 'GET', url: '/api/customers?q=rina', headers: analyst.readHeaders });
    expect(search.json().items.map((c: { name: string }) => c.name)).toEqual(['Rina Kusuma']);
    // consent in the list, for an export: given, or null when never asked (not false)
    expect(search.json().items[0]).toMatchObject({ consent_email: true, consent_sms: null, consent_profiling: null });
    const byCard = await app.inject({ method: 'GET', url: '/api/customers?q=LC-77', headers: analyst.readHeaders });
    expect(byCard.json().items[0].customer_id).toBe(customerId);
    const page1 = await app.inject({ method: 'GET', url: '/api/customers?limit=1&sort=recent', headers: analyst.readHeaders });
    const page2 = await app.inject({ method: 'GET', url: `/api/customers?limit=1&sort=recent&cursor=${page1.json().nextCursor}`, headers: analyst.readHeaders });
    expect(page2.json().items[0].customer_id).toBeLessThan(page1.json().items[0].customer_id);
    // the count beside the list: of the same filter, without paging
    const count = await app.inject({ method: 'GET', url: '/api/customers/count?q=rina&city=surabaya', headers: analyst.readHeaders });
    expect({ status: count.statusCode, body: count.json() }).toEqual({ status: 200, body: { count: 1 } });
    const wrong = await app.inject({ method: 'GET', url: '/api/customers/count?status=vip', headers: analyst.readHeaders });
    expect({ status: wrong.statusCode, error: wrong.json().error }).toMatchObject({ status: 400, error: { code: 'REQUEST_INVALID', field: 'status' } });
    const taken = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'Someone', email: 'RINA@example.com' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CUSTOMER_IDENTITY_CONFLICT');
  });

  it('searches by any word of a name, every word required, the count agreeing with the list', async () => {
    for (const name of ['Joko Gunawan', 'Rina Gunawan', 'PT Sinar Harapan 708, Tbk']) {
      expect((await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name } })).statusCode).toBe(201);
    }
    const names = async (q: string) => {
      const list = await app.inject({ method: 'GET', url: `/api/customers?limit=50&q=${encodeURIComponent(q)}`, headers: analyst.readHeaders });
      const count = await app.inject({ method: 'GET', url: `/api/customers/count?q=${encodeURIComponent(q)}`, headers: analyst.readHeaders });
      const found = list.json().items.map((item: { name: string }) => item.name).sort();
      expect({ q, count: count.json().count }).toEqual({ q, count: found.length });
      return found;
    };
    expect(await names('gunawan')).toEqual(['Joko Gunawan', 'Rina Gunawan']);
    expect(await names('Sinar')).toEqual(['PT Sinar Harapan 708, Tbk']);
    expect(await names('joko gun')).toEqual(['Joko Gunawan']);
    expect(await names('pt sinar h')).toEqual(['PT Sinar Harapan 708, Tbk']);
    expect(await names("gunawan & !joko | 'x:*")).toEqual([]);
    expect(await names('gunawan & !joko')).toEqual(['Joko Gunawan']);
    // an empty search box (or filter) is no search, as a form sends it; it was refused with 400
    const all = await app.inject({ method: 'GET', url: '/api/customers/count', headers: analyst.readHeaders });
    for (const blank of ['q=', 'q=%20%20', 'city=', 'type=&rfmSegment=']) {
      const count = await app.inject({ method: 'GET', url: `/api/customers/count?${blank}`, headers: analyst.readHeaders });
      const list = await app.inject({ method: 'GET', url: `/api/customers?limit=500&${blank}`, headers: analyst.readHeaders });
      expect({ blank, status: [count.statusCode, list.statusCode], count: count.json().count, listed: list.json().items?.length })
        .toEqual({ blank, status: [200, 200], count: all.json().count, listed: all.json().count });
    }
  });

  it('explains invalid input with the offending field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: 'X', birthYear: 1800 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'birthYear' });
    const cursor = await app.inject({ method: 'GET', url: '/api/customers?cursor=nonsense', headers: analyst.readHeaders });
    expect(cursor.json().error.code).toBe('PAGINATION_CURSOR_INVALID');
    // nothing to know a customer by, or only an identity that is not complete: refused, naming the field (once a 500)
    const empty = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: {} });
    expect({ status: empty.statusCode, error: empty.json().error }).toMatchObject({ status: 400, error: { code: 'CUSTOMER_EMPTY', field: 'name' } });
    const partial = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { identities: [{ kind: 'external', value: 'x1' }] } });
    expect({ status: partial.statusCode, error: partial.json().error }).toMatchObject({ status: 400, error: { code: 'CUSTOMER_IDENTITY_INVALID', field: 'identities.0.namespace' } });
    const byCard = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'CARD-77' }] } });
    expect(byCard.statusCode).toBe(201);
  });

  it('merges two customers into one and undoes it, with an audit trail and a timeline', async () => {
    const dewi = (await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=email&value=dewi@example.com', headers: analyst.readHeaders })).json().customer.customer_id;
    const phoneBuyer = (await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=phone&value=081311112222', headers: analyst.readHeaders })).json().customer.customer_id;
    const denied = await app.inject({ method: 'POST', url: `/api/customers/${dewi}/merge`, headers: analyst.headers, payload: { otherCustomerId: phoneBuyer } });
    expect(denied.statusCode).toBe(403);
    const merged = await app.inject({ method: 'POST', url: `/api/customers/${dewi}/merge`, headers: admin.headers, payload: { otherCustomerId: phoneBuyer } });
    expect(merged.statusCode).toBe(200);
    const after = (await app.inject({ method: 'GET', url: `/api/customers/${dewi}`, headers: analyst.readHeaders })).json();
    expect(after.traits).toMatchObject({ order_count: 2, revenue_minor: 80000, purchase_days: 2 });
    const gone = await app.inject({ method: 'GET', url: `/api/customers/${phoneBuyer}`, headers: analyst.readHeaders });
    expect(gone.statusCode).toBe(404);
    const timeline = (await app.inject({ method: 'GET', url: `/api/customers/${dewi}/timeline`, headers: analyst.readHeaders })).json();
    expect(timeline.items.map((entry: { kind: string }) => entry.kind)).toEqual(['merge', 'order', 'order']);
    const undo = await app.inject({ method: 'POST', url: `/api/merges/${merged.json().mergeId}/undo`, headers: admin.headers });
    expect(undo.statusCode).toBe(200);
    const restored = (await app.inject({ method: 'GET', url: `/api/customers/${phoneBuyer}`, headers: analyst.readHeaders })).json();
    expect(restored.traits).toMatchObject({ order_count: 1, revenue_minor: 25000 });
    const audit = await context.store.db.selectFrom('audit_event').select('action').where('entity', '=', 'customer').execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['customer.merge', 'customer.merge.undo', 'customer.create', 'customer.update']));
  });
});

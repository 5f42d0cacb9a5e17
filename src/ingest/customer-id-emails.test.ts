import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { fixedClock } from '../core/clock.js';
import { identityTripleKey, resolveFileRows } from '../customers/identity-resolution.js';
import { buildApp } from '../server/app.js';
import type { CustomerRef, ImportEntity } from './canonical.js';
import { importFile } from './import-file.service.js';
import { createRowParser } from './rows/row-parser.js';
import { contentId } from './rows/row-values.js';
import { testContext } from './rows/test-context.js';

const { file } = scratchFiles('customer-id-emails');
const base = importDefaults;

function parseOne<E extends ImportEntity>(entity: E, values: Record<string, string | null>) {
  const parser = createRowParser(entity, { file: 'test.csv', context: testContext });
  parser.checkHeaders(Object.keys(values));
  return parser.parse({ line: 2, values });
}

describe('rows whose customer id is an email address', () => {
  const order = { order_id: 'O1', ordered_at: '2026-03-01', amount: '10' };
  const external = (value: string) => ({ kind: 'external', namespace: 'test', value });

  it('name the email too, normalised as the email column is, when the row gives no email', () => {
    expect(parseOne('orders', { ...order, customer_id: 'Ana@Example.com ' }).row).toMatchObject({ customer: [external('Ana@Example.com'), { kind: 'email', value: 'ana@example.com' }] });
    expect(parseOne('orders', { ...order, customer_id: 'Ana@Example.com', customer_email: '' }).row).toMatchObject({ customer: [external('Ana@Example.com'), { kind: 'email', value: 'ana@example.com' }] });
    expect(parseOne('orders', { ...order, customer_id: 'C1', recipient_id: 'Bea@Example.com' }).row).toMatchObject({ recipient: [external('Bea@Example.com'), { kind: 'email', value: 'bea@example.com' }] });
    expect(parseOne('customers', { customer_id: 'ANA@example.com', name: 'Ana' }).row).toMatchObject({ refs: [external('ANA@example.com'), { kind: 'email', value: 'ana@example.com' }], email: null });
  });

  it('add nothing when the row states an email, or the id is no address', () => {
    expect(parseOne('orders', { ...order, customer_id: 'ana@example.com', customer_email: 'Ana.Work@example.com' }).row?.customer).toEqual([external('ana@example.com'), { kind: 'email', value: 'ana.work@example.com' }]);
    expect(parseOne('customers', { customer_id: 'ana@example.com', email: 'ana.work@example.com' }).row?.refs).toEqual([external('ana@example.com'), { kind: 'email', value: 'ana.work@example.com' }]);
    for (const id of ['C-100', 'ana@example', 'ana example@x.id', '@example.com']) {
      expect(parseOne('orders', { ...order, customer_id: id }).row?.customer).toEqual([external(id)]);
    }
  });

  it('keep an event\'s content id as it was before the email was read from the id', () => {
    const event = parseOne('events', { customer_id: 'Ana@Example.com', kind: 'visit', occurred_at: '2026-03-05T10:00:00Z' }).row;
    expect(event?.externalId).toBe(contentId(['external:Ana@Example.com', 'visit', 'other', '2026-03-05T10:00:00.000Z', null]));
  });
});

describe('resolveFileRows with an email read from the customer id', () => {
  const id = (value: string): CustomerRef => ({ kind: 'external', namespace: 'import', value });
  const guessed = (value: string): CustomerRef => ({ kind: 'email', value, isGuessed: true } as CustomerRef);
  const rows = (...refs: CustomerRef[][]) => refs.map((row, index) => ({ refs: row, line: index + 2 }));

  it('describes the customer holding the email when the id is new', () => {
    const known = new Map([[identityTripleKey({ kind: 'email', value: 'ana@x.id' }), 5]]);
    const result = resolveFileRows(rows([id('ana@x.id'), guessed('ana@x.id')]), known, new Map());
    expect(result.assignments).toEqual([{ customerId: 5 }]);
    expect(result.refusals).toEqual([]);
    expect(result.newIdentities.map(({ identity, customerId }) => [identity.kind, identity.value, customerId])).toEqual([['external', 'ana@x.id', 5]]);
  });

  it('leaves off an email another profile holds instead of refusing the row, and still joins a stub holding it', () => {
    const known = new Map([
      [identityTripleKey(id('dan@x.id')), 1], [identityTripleKey({ kind: 'email', value: 'dan@x.id' }), 2],
      [identityTripleKey(id('eva@x.id')), 3], [identityTripleKey({ kind: 'email', value: 'eva@x.id' }), 4],
    ]);
    const result = resolveFileRows(rows([id('dan@x.id'), guessed('dan@x.id')], [id('eva@x.id'), guessed('eva@x.id')]), known, new Map(), new Set([4]));
    expect(result.refusals).toEqual([]);
    expect(result.assignments).toEqual([{ customerId: 1 }, { customerId: 3 }]);
    expect(result.joins).toEqual([{ row: 1, kept: { customerId: 3 }, mergedIds: [4] }]);
    expect(result.newIdentities).toEqual([]);
  });

  it('still refuses an email the row states when another profile holds it', () => {
    const known = new Map([[identityTripleKey(id('dan@x.id')), 1], [identityTripleKey({ kind: 'email', value: 'dan@x.id' }), 2]]);
    const result = resolveFileRows(rows([id('dan@x.id'), { kind: 'email', value: 'dan@x.id' }]), known, new Map());
    expect(result.refusals).toMatchObject([{ row: 0, kind: 'taken' }]);
  });
});

describeEachStore('a customer id that is an email address', (context) => {
  const db = () => context.store.db;
  const ownerOf = async (kind: string, value: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = ${kind} and value = ${value}`.execute(db())).rows.map((row) => Number(row.customer_id));
  const customerOfOrder = async (externalId: string) =>
    Number((await db().selectFrom('customer_order').select('customer_id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).customer_id);
  const countOf = async (table: 'customer' | 'customer_identity') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('gives an order the customer a customers file knows by that email, and a re-import adds nothing', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-ana.csv', 'customer_id,email,name\nC-ANA,ana@example.com,Ana\n') });
    const [ana] = await ownerOf('email', 'ana@example.com');
    const orders = file('o-ana.csv', 'order_id,customer_id,ordered_at,amount\nA1,Ana@Example.com ,2026-03-01,15000\nA2,ana@example.com,2026-03-02,5000\n');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders });
    expect(summary).toMatchObject({ rejected: 0 });
    expect([await customerOfOrder('A1'), await customerOfOrder('A2')]).toEqual([ana, ana]);
    // the ids, as the shop wrote them, now name Ana too; no stub was made for them
    expect(await ownerOf('external', 'Ana@Example.com')).toEqual([ana]);
    expect(await ownerOf('external', 'ana@example.com')).toEqual([ana]);
    expect(await countOf('customer')).toBe(1);

    const identities = await countOf('customer_identity');
    const again = await importFile(db(), { ...base, entity: 'orders', file: orders });
    expect(again).toMatchObject({ rejected: 0, inserted: 0 });
    expect(await countOf('customer_identity')).toBe(identities);
    expect(await countOf('customer')).toBe(1);
  });

  it('lets a phone the row states outrank the email read from the id', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-two.csv', 'customer_id,email,phone\nC-DEWI,dewi@example.com,\nC-EKA,,+6281234567890\n') });
    const [dewi] = await ownerOf('email', 'dewi@example.com');
    const [eka] = await ownerOf('phone', '+6281234567890');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: file('o-two.csv', 'order_id,customer_id,customer_phone,ordered_at,amount\nD1,dewi@example.com,+6281234567890,2026-03-01,15000\n') });
    expect(summary).toMatchObject({ rejected: 0 });
    expect(await customerOfOrder('D1')).toBe(eka);
    expect(await ownerOf('email', 'dewi@example.com')).toEqual([dewi]);
    // the id, being Dewi's address, did not become Eka's: a later order with only that id is Dewi's
    expect(await ownerOf('external', 'dewi@example.com')).toEqual([]);
    await importFile(db(), { ...base, entity: 'orders', file: file('o-two-later.csv', 'order_id,customer_id,ordered_at,amount\nD2,dewi@example.com,2026-03-02,15000\n') });
    expect(await customerOfOrder('D2')).toBe(dewi);
    expect(await ownerOf('external', 'dewi@example.com')).toEqual([dewi]);
  });

  it('keeps an order of several rows whose email one row states and another reads from the id', async () => {
    const lines = 'order_id,customer_id,customer_email,ordered_at,sku,quantity,unit_price\nL1,login@example.com,contact@example.com,2026-03-01,S1,1,10\nL1,login@example.com,,2026-03-01,S2,2,5\n';
    const summary = await importFile(db(), { ...base, entity: 'orders', file: file('o-lines.csv', lines) });
    expect(summary).toMatchObject({ rejected: 0 });
    const buyer = await customerOfOrder('L1');
    expect(await ownerOf('email', 'contact@example.com')).toEqual([buyer]);
    expect(await ownerOf('email', 'login@example.com')).toEqual([]);
  });

  it('lets the email column win over an id that is another address', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-budi.csv', 'customer_id,email\nC-BUDI,budi@example.com\n') });
    const [budi] = await ownerOf('email', 'budi@example.com');
    await importFile(db(), { ...base, entity: 'orders', file: file('o-budi.csv', 'order_id,customer_id,customer_email,ordered_at,amount\nB1,budi@example.com,budi.work@example.com,2026-03-01,15000\n') });
    const buyer = await customerOfOrder('B1');
    expect(buyer).not.toBe(budi);
    expect(await ownerOf('email', 'budi@example.com')).toEqual([budi]);
    expect(await ownerOf('email', 'budi.work@example.com')).toEqual([buyer]);
  });

  it('reads a recipient id and an event\'s customer id the same way, events imported twice kept once', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-citra.csv', 'customer_id,email\nC-CITRA,citra@example.com\nC-DEWI,dewi@example.com\n') });
    const [citra] = await ownerOf('email', 'citra@example.com');
    const [dewi] = await ownerOf('email', 'dewi@example.com');
    await importFile(db(), { ...base, entity: 'orders', file: file('o-gift.csv', 'order_id,customer_id,recipient_id,ordered_at,amount\nG1,C-CITRA,DEWI@example.com,2026-03-01,15000\n') });
    const gift = await db().selectFrom('customer_order').select(['customer_id', 'recipient_customer_id']).where('external_id', '=', 'G1').executeTakeFirstOrThrow();
    expect([Number(gift.customer_id), Number(gift.recipient_customer_id)]).toEqual([citra, dewi]);

    const events = file('e-citra.csv', 'customer_id,kind,occurred_at\nCitra@Example.com,visit,2026-03-05T10:00:00Z\n');
    await importFile(db(), { ...base, entity: 'events', file: events });
    await importFile(db(), { ...base, entity: 'events', file: events });
    const stored = await db().selectFrom('interest_event').select('customer_id').execute();
    expect(stored.map((event) => Number(event.customer_id))).toEqual([citra]);
  });

  it('makes a customers file row whose id is an email the person a web event knew by it', async () => {
    await importFile(db(), { ...base, entity: 'events', file: file('e-eka.csv', 'customer_email,kind,occurred_at\neka@example.com,signup,2026-02-01T10:00:00Z\n') });
    const [stub] = await ownerOf('email', 'eka@example.com');
    const summary = await importFile(db(), { ...base, entity: 'customers', file: file('c-eka.csv', 'customer_id,name\nEka@Example.com,Eka\n') });
    expect(summary).toMatchObject({ rejected: 0, inserted: 0, updated: 1 });
    expect(await ownerOf('external', 'Eka@Example.com')).toEqual([stub]);
    const eka = await db().selectFrom('customer').select(['name', 'email', 'is_stub']).where('customer_id', '=', stub).executeTakeFirstOrThrow();
    expect(eka).toEqual({ name: 'Eka', email: 'eka@example.com', is_stub: false });
  });

  it('refuses nothing new when another profile already holds the address the id is', async () => {
    // as a store imported before ids were read as emails: the id's person and the email's are two profiles
    await importFile(db(), { ...base, entity: 'customers', file: file('c-fitri-1.csv', 'customer_id,email,name\nfitri@example.com,fitri.old@example.com,Fitri\nC-FITRI,fitri@example.com,Fitri B\n') });
    const [byId] = await ownerOf('external', 'fitri@example.com');
    const [byEmail] = await ownerOf('email', 'fitri@example.com');
    expect(byId).not.toBe(byEmail);
    const summary = await importFile(db(), { ...base, entity: 'customers', file: file('c-fitri-2.csv', 'customer_id,city\nfitri@example.com,Riga\n') });
    expect(summary).toMatchObject({ rejected: 0, updated: 1 });
    expect(await ownerOf('email', 'fitri@example.com')).toEqual([byEmail]);
    expect((await db().selectFrom('customer').select('city').where('customer_id', '=', byId).executeTakeFirstOrThrow()).city).toBe('Riga');
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;
    let ingestKey: { headers: Record<string, string> };
    beforeAll(async () => {
      app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-31T00:00:00Z') });
      ingestKey = await createTestApiKey(context.store, ['ingest']);
    });
    afterAll(async () => app?.close());
    const send = (key: string, entity: string, records: object[]) =>
      app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: { ...ingestKey.headers, 'idempotency-key': key }, payload: { records } });

    it('gives an order posted with an email as customer_id the customer known by that email, once however often it is sent', async () => {
      expect((await send('gita-c', 'customers', [{ customer_id: 'C-GITA', email: 'gita@example.com' }])).json()).toMatchObject({ inserted: 1, rejected: 0 });
      const [gita] = await ownerOf('email', 'gita@example.com');
      const order = { order_id: 'H-GITA', customer_id: ' Gita@Example.com ', ordered_at: '2026-03-01T10:00:00Z', amount: '150' };
      expect((await send('gita-o1', 'orders', [order])).json()).toMatchObject({ inserted: 1, rejected: 0 });
      expect((await send('gita-o2', 'orders', [order])).json()).toMatchObject({ inserted: 0, rejected: 0 });
      expect(await customerOfOrder('H-GITA')).toBe(gita);
      expect(await ownerOf('external', 'Gita@Example.com')).toEqual([gita]);
      expect(await ownerOf('email', 'gita@example.com')).toEqual([gita]);
    });
  });
});

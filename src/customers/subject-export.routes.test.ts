import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createSegment } from '../segments/index.js';
import { buildApp } from '../server/app.js';
import { mergeCustomers } from './merge.service.js';
import { subjectExportSections } from './subject-export.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

describeEachStore('GET /api/customers/{id}/export, everything held about one person', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  const db = () => context.store.db;
  const get = (url: string, session: TestSession) => app.inject({ method: 'GET', url, headers: session.headers });
  const customerIdOf = async (email: string) => Number((await db().selectFrom('customer').select('customer_id').where('email', '=', email).executeTakeFirstOrThrow()).customer_id);

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('holds every order with its lines, every event, the merge, the segment and the audit entries, past any page size', async () => {
    const orderCount = 520;
    await ingestRecords(db(), 'customers', [
      { customer_id: 'X1', email: 'sar.export@example.com', name: 'Sari Export', consent_email: 'yes', consent_whatsapp: 'ya', 'attribute.education': 'Graduation' },
      { customer_id: 'X2', email: 'sar.old@example.com', name: 'Sari Old Account' },
      { customer_id: 'X3', email: 'someone.else@example.com', name: 'Someone Else' },
    ], { actor: 'test', clock });
    const orders = Array.from({ length: orderCount }, (_, index) => ({
      order_id: `EXP-${index + 1}`, customer_email: 'sar.export@example.com', ordered_at: new Date(Date.UTC(2024, 0, 1) + index * 3_600_000).toISOString(), amount: '12000',
    }));
    expect((await ingestRecords(db(), 'orders', orders, { actor: 'test', clock })).rejected).toBe(0);
    await ingestRecords(db(), 'orders', [
      { order_id: 'OLD-1', customer_email: 'sar.old@example.com', ordered_at: '2025-02-01T10:00:00Z', amount: '33000' },
      { order_id: 'ELSE-1', customer_email: 'someone.else@example.com', ordered_at: '2025-02-01T10:00:00Z', amount: '99000' },
    ], { actor: 'test', clock });
    await ingestRecords(db(), 'lines', [
      { order_id: 'EXP-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '6000' },
      { order_id: 'OLD-1', line_no: '1', sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: '1', unit_price: '33000' },
    ], { actor: 'test', clock });
    await ingestRecords(db(), 'events', [
      { event_id: 'EXP-E1', customer_email: 'sar.export@example.com', kind: 'inquiry', occurred_at: '2025-03-01T09:00:00Z', detail: 'asked about beans' },
      { event_id: 'EXP-E2', customer_email: 'sar.old@example.com', kind: 'newsletter', occurred_at: '2025-03-02T09:00:00Z' },
    ], { actor: 'test', clock });
    const kept = await customerIdOf('sar.export@example.com');
    const merged = await customerIdOf('sar.old@example.com');
    const { mergeId } = await mergeCustomers(db(), kept, merged, 'test', { clock });
    await createSegment(db(), { name: 'coffee buyers', filter: { purchased: { category: ['coffee'] } } }, { actor: 'test', clock });

    const response = await get(`/api/customers/${kept}/export`, admin);
    expect(response.statusCode, response.body).toBe(200);
    const document = response.json();
    expect(document).toMatchObject({ generatedAt: '2026-03-02T09:00:00.000Z', customerId: kept, currency: expect.any(String), sections: subjectExportSections });
    expect(Object.keys(document.sections).every((section) => section in document)).toBe(true);
    expect(document.profile).toMatchObject({ customer_id: kept, name: 'Sari Export', email: 'sar.export@example.com', attributes: { education: 'Graduation' } });
    expect(document.consents).toMatchObject({ email: true, sms: null, whatsapp: true, profiling: null });
    expect(document.profile).toMatchObject({ consent_whatsapp: true });
    expect(document.consents.history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'whatsapp', granted: true, source: 'ingest', actor: 'import' })]));
    expect(document.identities.map((identity: { value: string }) => identity.value)).toEqual(expect.arrayContaining(['sar.export@example.com', 'sar.old@example.com']));
    expect(document.mergedCustomers).toEqual([expect.objectContaining({ customer_id: merged, name: 'Sari Old Account', merged_into_customer_id: kept })]);

    // every order, theirs and the merged account's, none of anyone else's
    const orderIds = document.orders.map((order: { external_id: string }) => order.external_id);
    expect(orderIds).toHaveLength(orderCount + 1);
    expect(new Set(orderIds).size).toBe(orderCount + 1);
    expect(orderIds).toEqual(expect.arrayContaining(['EXP-1', `EXP-${orderCount}`, 'OLD-1']));
    expect(orderIds).not.toContain('ELSE-1');
    const withLines = (id: string) => document.orders.find((order: { external_id: string }) => order.external_id === id).lines;
    expect(withLines('EXP-1')).toEqual([expect.objectContaining({ sku: 'KOPI-1', product_name: 'Kopi susu', quantity: 2 })]);
    expect(withLines('OLD-1')).toEqual([expect.objectContaining({ sku: 'ROTI-1' })]);
    expect(withLines('EXP-2')).toEqual([]);

    expect(document.interestEvents.map((event: { external_id: string }) => event.external_id).sort()).toEqual(['EXP-E1', 'EXP-E2']);
    expect(document.interestEvents.find((event: { external_id: string }) => event.external_id === 'EXP-E1').detail).toBe('asked about beans');
    expect(document.merges).toEqual([expect.objectContaining({ merge_id: mergeId, kept_customer_id: kept, merged_customer_id: merged })]);
    expect(document.segments.current).toEqual([expect.objectContaining({ name: 'coffee buyers' })]);
    expect(document.segments.history).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'coffee buyers', change: 'entered' })]));
    expect(document.auditEntries.map((entry: { action: string }) => entry.action)).toContain('customer.merge');
    expect(document.purchaseFacts.traits).toMatchObject({ customer_id: kept });

    // the whole timeline, well past its 200-entry page: every order, both events, the merge
    const kinds = document.timeline.map((entry: { kind: string }) => entry.kind);
    expect(kinds.filter((kind: string) => kind === 'order')).toHaveLength(orderCount + 1);
    expect(kinds.filter((kind: string) => kind === 'interest')).toHaveLength(2);
    expect(kinds).toContain('merge');

    const [audited] = await db().selectFrom('audit_event').select(['actor', 'detail']).where('action', '=', 'customer.export').where('entity_id', '=', String(kept)).execute();
    expect(audited!.detail).toEqual({ orders: orderCount + 1, identities: document.identities.length });
    expect(JSON.stringify(audited!.detail)).not.toMatch(/sari|example\.com/i);
  }, 240_000);

  it('is refused (403) to an analyst, an agent and a marketer, and leaves no audit entry', async () => {
    await ingestRecords(db(), 'customers', [{ customer_id: 'R1', email: 'refused.export@example.com' }], { actor: 'test', clock });
    const customerId = await customerIdOf('refused.export@example.com');
    for (const role of ['analyst', 'agent', 'marketer'] as const) {
      const response = await get(`/api/customers/${customerId}/export`, await signInAs(context.store, role));
      expect(response.statusCode, role).toBe(403);
      expect(response.body).not.toContain('refused.export@example.com');
      // the refusal names what was asked: an export, not merging
      expect(response.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { permission: 'customers:export', roles: ['owner', 'admin'] } });
      expect(response.json().error.message).toBe(`This needs the "customers:export" permission (for exporting everything held about a customer, as a subject access request asks), which owners and admins have and your role "${role}" does not; ask one of them.`);
    }
    const audited = await db().selectFrom('audit_event').select('audit_id').where('action', '=', 'customer.export').where('entity_id', '=', String(customerId)).execute();
    expect(audited).toEqual([]);
  }, 120_000);

  it('answers an unknown customer with 404, and one merged away with whom they went to', async () => {
    expect((await get('/api/customers/999999999/export', admin)).statusCode).toBe(404);
    await ingestRecords(db(), 'customers', [{ customer_id: 'M1', email: 'keep.m@example.com' }, { customer_id: 'M2', email: 'gone.m@example.com' }], { actor: 'test', clock });
    const kept = await customerIdOf('keep.m@example.com');
    const gone = await customerIdOf('gone.m@example.com');
    await mergeCustomers(db(), kept, gone, 'test', { clock });
    const response = await get(`/api/customers/${gone}/export`, admin);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.details).toMatchObject({ mergedInto: kept });
  }, 120_000);
});

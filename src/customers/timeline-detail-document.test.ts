import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { validateAgainst, type OpenApiDocument } from '../../test/helpers/openapi.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

type Entry = { kind: string; detail: Record<string, unknown> };

/** The component that documents an entry's detail, as the `kind` description names it. */
function componentOf(entry: Entry): string {
  switch (entry.kind) {
    case 'order': return entry.detail.asRecipient ? 'TimelineGiftDetail' : 'TimelineOrderDetail';
    case 'type_change': return entry.detail.change === 'entered' ? 'TimelineTypeEnteredDetail' : 'TimelineTypeLeftDetail';
    case 'interest': return 'TimelineInterestDetail';
    case 'merge': return 'TimelineMergeDetail';
    case 'prediction': return 'TimelinePredictionDetail';
    case 'profile_change': return 'TimelineProfileChangeDetail';
    default: return 'TimelineIdentityRemovalDetail';
  }
}

/** Each kind of timeline entry's detail is documented, and what the timeline answers is what it documents. */
describeEachStore('the timeline detail in the OpenAPI document', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let document: OpenApiDocument;
  let customerId: number;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    owner = await signInAs(context.store, 'owner');
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(300);
      return response.json();
    };
    await send('POST', '/api/ingest/customers', { records: [{ customer_id: 'C1', name: 'Ayu', email: 'ayu@example.com' }, { customer_id: 'C2', name: 'Budi', email: 'budi@example.com' }] });
    const orders = [1, 2, 3].map((month) => ({ order_id: `W-${month}`, customer_id: 'C1', amount: '57000', ordered_at: `2024-0${month}-02T04:00:00Z`, channel: 'web' }));
    await send('POST', '/api/ingest/orders', { records: [...orders, { order_id: 'G-1', customer_id: 'C2', recipient_email: 'ayu@example.com', amount: '9000', ordered_at: '2024-04-02T04:00:00Z' }] });
    await send('POST', '/api/ingest/lines', { records: [{ order_id: 'W-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi', category: 'coffee', quantity: '2', unit_price: '28500' }] });
    await send('POST', '/api/ingest/events', { records: [{ event_id: 'E1', customer_id: 'C1', kind: 'signup', channel: 'web', occurred_at: '2023-12-20T05:00:00Z' }] });
    customerId = (await app.inject({ method: 'GET', url: '/api/customers/lookup', query: { kind: 'email', value: 'ayu@example.com' }, headers: owner.readHeaders })).json().customer.customer_id;
    await send('POST', '/api/analytics/analyze', { asOf: '2024-12-31' });
    await send('PATCH', `/api/customers/${customerId}`, { city: 'Bogor' });
    const other = await send('POST', '/api/customers', { name: 'Ayu K.', phone: '+62 812 7777 0000' });
    await send('POST', `/api/customers/${customerId}/merge`, { otherCustomerId: other.customer.customer_id });
    await send('DELETE', `/api/customers/${customerId}/identities?kind=email&value=ayu%40example.com`);
  });
  afterAll(async () => app?.close());

  it('names each kind\'s detail as a component and points detail at them', () => {
    const page = (document.paths['/api/customers/{customerId}/timeline'].get.responses['200'].content!['application/json'].schema as { properties: { items: { items: { properties: Record<string, { allOf?: unknown; description?: string }> } } } });
    const detail = page.properties.items.items.properties.detail;
    expect(detail.allOf).toEqual([{ $ref: '#/components/schemas/TimelineDetail' }]);
    expect(page.properties.items.items.properties.kind.description).toContain('order: TimelineOrderDetail');
    const order = document.components.schemas.TimelineOrderDetail as { properties: Record<string, { properties?: object; items?: { properties: object } }> };
    expect(Object.keys(order.properties)).toEqual(expect.arrayContaining(['externalId', 'amountMinor', 'currency', 'totalMinor', 'isDateOnly', 'lines']));
    expect(Object.keys(order.properties.lines.items!.properties)).toEqual(['sku', 'name', 'category', 'quantity', 'unitPriceMinor']);
  });

  it('answers each kind of entry with the detail its component documents', async () => {
    const timeline = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline?limit=200`, headers: owner.readHeaders });
    const items = timeline.json().items as Entry[];
    expect(new Set(items.map(componentOf))).toEqual(new Set([
      'TimelineOrderDetail', 'TimelineGiftDetail', 'TimelineInterestDetail', 'TimelineMergeDetail', 'TimelineTypeEnteredDetail', 'TimelineTypeLeftDetail',
      'TimelineProfileChangeDetail', 'TimelineIdentityRemovalDetail',
    ]));
    for (const entry of items) {
      expect(validateAgainst({ $ref: `#/components/schemas/${componentOf(entry)}` }, entry.detail, document), `${entry.kind} ${JSON.stringify(entry.detail)}`).toEqual([]);
    }
  });
});

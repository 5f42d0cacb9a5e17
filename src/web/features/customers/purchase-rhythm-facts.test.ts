import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../../../test/helpers/auth.js';
import { buildApp } from '../../../server/app.js';
import { fixedClock } from '../../../core/clock.js';
import { updateStoreSettings } from '../../../settings/index.js';
import type { CustomerDetail, Page, StoreSettings, TimelineEntry } from '../../api/types.js';
import { purchaseRhythm } from './purchase-rhythm.js';

/**
 * The customer page shows purchase days twice: the facts card reads the server's count, the
 * rhythm card works its days out of the timeline. Both are read here through the API the page
 * uses, from one store, so the two cannot drift apart unnoticed.
 */
describeEachStore('purchase rhythm against the purchase facts', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    // the store's days are New York's: evening orders there fall on the next day in UTC
    await updateStoreSettings(context.store.db, { timezone: 'America/New_York' });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2024-06-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
    const ingest = await createTestApiKey(context.store, ['ingest']);
    const order = (id: string, at: string, amount: string, extra: Record<string, string> = {}) => ({ order_id: id, customer_email: 'rhythm@example.com', ordered_at: at, amount, ...extra });
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: ingest.headers,
      payload: {
        records: [
          order('R1', '2024-03-01T10:00:00-05:00', '50'),
          order('R2', '2024-03-01T20:30:00-05:00', '20'),
          order('R3', '2024-03-08T12:00:00-05:00', '40', { refunded_amount: '10' }),
          order('R4', '2024-03-15T12:00:00-04:00', '30', { status: 'refunded' }),
          order('R5', '2024-03-20T21:00:00-04:00', '25'),
          order('R6', '2024-03-21T09:00:00-04:00', '15'),
          order('R7', '2024-03-25T09:00:00-04:00', '15', { status: 'cancelled' }),
        ],
      },
    });
    expect(response.json()).toMatchObject({ inserted: 7, rejected: 0 });
  });
  afterAll(async () => app?.close());

  const get = async <T>(url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    return response.json() as T;
  };

  it('counts the same purchase days on the same store days, worth the same revenue, as the facts card', async () => {
    const settings = await get<StoreSettings>('/api/settings');
    const found = await get<CustomerDetail>('/api/customers/lookup?kind=email&value=rhythm@example.com');
    const timeline = await get<Page<TimelineEntry>>(`/api/customers/${found.customer.customer_id}/timeline?limit=200`);
    expect(timeline.nextCursor).toBeNull();

    const points = purchaseRhythm(timeline.items, settings.timeZone);
    // R1 and R2 share a New York day; R3 was refunded only in part; R4 and R7 are no purchases; R5 and R6 share a UTC day only
    expect(points.map((point) => point.day)).toEqual(['2024-03-01', '2024-03-08', '2024-03-20', '2024-03-21']);
    expect(points.length).toBe(found.traits?.purchase_days);
    expect(points.reduce((sum, point) => sum + point.amountMinor, 0)).toBe(found.traits?.revenue_minor);
  });
});

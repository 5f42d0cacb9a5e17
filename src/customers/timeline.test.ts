import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { calendarDayIn, fixedClock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { analyze } from '../analytics/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

/** Times inside `detail` are as PostgreSQL writes them in JSON (the offset in the session's zone). */
const instant = (value: unknown) => new Date(String(value)).toISOString();

type Entry = { at: string; kind: string; id: number; title: string; detail: Record<string, unknown> };

const clock = fixedClock('2024-06-30T12:00:00Z');
// the store's days end at midnight in Jakarta (UTC+7), and a type change is dated its day's end
const june30End = '2024-06-30T17:00:00.000Z';
const august15End = '2024-08-15T17:00:00.000Z';

describeEachStore('a customer\'s type changes in the timeline', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const timeline = async (customerId: number, query = '') => {
    const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline${query}`, headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Entry[]; nextCursor: string | null };
  };
  const typeChanges = (items: Entry[]) => items.filter((item) => item.kind === 'type_change').map((item) => [item.at, item.detail.change, item.detail.type]);

  it('says once what a merge and its undo on one day left the customer, and when a type was left', async () => {
    const db = context.store.db;
    // X bought once (new); Y on three days: merged into X, X is briefly a VIP regular, until the undo
    const x = await createCustomer(db, { name: 'Timeline X', email: 'timeline.x@example.com' });
    const y = await createCustomer(db, { name: 'Timeline Y', email: 'timeline.y@example.com' });
    const order = (id: string, who: string, day: string) => ({ order_id: id, customer_email: `timeline.${who}@example.com`, ordered_at: `${day}T10:00:00+07:00`, channel: 'web', amount: '150000' });
    await ingestRecords(db, 'orders', [order('TX1', 'x', '2024-06-20'), order('TY1', 'y', '2024-03-01'), order('TY2', 'y', '2024-04-01'), order('TY3', 'y', '2024-05-01')], { actor: 'test', clock });
    await analyze(db, { asOf: '2024-06-30', clock });
    const { mergeId } = await mergeCustomers(db, x, y, 'test', { clock });
    await undoMerge(db, mergeId, 'test', { clock });
    // the undo took back the spells the merge opened and continued the one it closed
    const spells = await db.selectFrom('customer_type_history').select(['type', 'left_at']).where('customer_id', '=', x).execute();
    expect(spells).toEqual([{ type: 'new', left_at: null }]);

    const sameDay = await timeline(x);
    expect(typeChanges(sameDay.items)).toEqual([[june30End, 'entered', 'new']]);
    // the store's first analysis found X new (since 20 June): not a change made on 30 June
    expect(sameDay.items.find((item) => item.kind === 'type_change')).toMatchObject({
      title: 'already new when the type history began', detail: { leftAt: null, reason: 'New: first purchase 2024-06-20', sinceHistoryStart: true },
    });

    // seven weeks on X is no longer new but a one-time buyer: a change each way, on that day
    await analyze(db, { asOf: '2024-08-15', clock: fixedClock('2024-09-01T00:00:00Z') });
    const later = await timeline(x);
    expect(typeChanges(later.items)).toEqual([[august15End, 'entered', 'one_time'], [august15End, 'left', 'new'], [june30End, 'entered', 'new']]);
    const [enteredOneTime, leftNew, enteredNew] = later.items.filter((item) => item.kind === 'type_change');
    expect(leftNew.title).toBe('no longer new');
    expect(instant(leftNew.detail.enteredAt)).toBe(june30End);
    // a type left has no reason: its numbers say why it was held
    expect(leftNew.detail).not.toHaveProperty('reason');
    expect(enteredOneTime.detail.reason).toMatch(/^One-time buyer: single purchase 2024-06-20/);
    expect(enteredOneTime).toMatchObject({ title: 'became one_time', detail: { sinceHistoryStart: false } });
    // "became new" says until when, the day it was left, not the day's first closing
    expect(instant(enteredNew.detail.leftAt)).toBe(august15End);

    // paged one entry at a time, the same story
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await timeline(x, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((item) => [item.kind, item.id, item.at, item.title])).toEqual(later.items.map((item) => [item.kind, item.id, item.at, item.title]));
  });
});

describeEachStore('a timeline dated by what its entries describe', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('places a prediction at the end of the day it describes, not when it was made, and marks orders known only by their date', async () => {
    const db = context.store.db;
    const customerId = await createCustomer(db, { name: 'Dated Z', email: 'dated.z@example.com' });
    const order = (id: string, orderedAt: string) => ({ order_id: id, customer_email: 'dated.z@example.com', ordered_at: orderedAt, channel: 'web', amount: '150000' });
    // a date without a time (as CDNOW's 19971222) is stored as midnight in the store's zone
    await ingestRecords(db, 'orders', [order('DZ1', '2024-03-01'), order('DZ2', '2024-05-20T10:00:00+07:00'), order('DZ3', '2024-06-10T09:00:00+07:00')], { actor: 'test', clock });
    const fit = await db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2024-05-31', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 1,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    // made "today" (this test's wall clock) from the data up to 31 May
    await db.insertInto('customer_prediction').values({
      customer_id: customerId, model_fit_id: Number(fit.model_fit_id), p_alive: 0.6, expected_purchases_90d: 0.8, clv_minor: 120_000, clv_horizon_days: 365, churn_risk: 'medium', as_of: '2024-05-31',
    }).execute();

    const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline`, headers: analyst.readHeaders });
    const items = (response.json() as { items: Entry[] }).items;
    expect(items.map((item) => [item.kind, item.at])).toEqual([
      ['order', '2024-06-10T02:00:00.000Z'],
      // the end of 31 May in Jakarta, below the June order it knew nothing of
      ['prediction', '2024-05-31T17:00:00.000Z'],
      ['order', '2024-05-20T03:00:00.000Z'],
      ['order', '2024-02-29T17:00:00.000Z'],
    ]);
    expect(items[1].detail).toMatchObject({ asOf: '2024-05-31', clvHorizonDays: 365 });
    expect(instant(items[1].detail.predictedAt).slice(0, 4)).not.toBe('2024');
    expect(items.filter((item) => item.kind === 'order').map((item) => item.detail.isDateOnly)).toEqual([false, false, true]);
  });

  it('places a live store\'s prediction of today when it was made, never at tomorrow\'s midnight', async () => {
    const db = context.store.db;
    const customerId = await createCustomer(db, { name: 'Live Q', email: 'live.q@example.com' });
    const { timeZone } = await getStoreSettings(db);
    const fit = await db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: calendarDayIn(new Date(), timeZone), params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 1,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    await db.insertInto('customer_prediction').values({
      customer_id: customerId, model_fit_id: Number(fit.model_fit_id), p_alive: 0.9, expected_purchases_90d: 1.2, churn_risk: 'low', as_of: calendarDayIn(new Date(), timeZone),
    }).execute();
    const { predicted_at: predictedAt } = await db.selectFrom('customer_prediction').select('predicted_at').where('customer_id', '=', customerId).executeTakeFirstOrThrow();

    const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/timeline`, headers: analyst.readHeaders });
    const prediction = (response.json() as { items: Entry[] }).items.find((item) => item.kind === 'prediction')!;
    expect(prediction.at).toBe(new Date(predictedAt).toISOString());
    expect(Date.parse(prediction.at)).toBeLessThanOrEqual(Date.now());
  });
});

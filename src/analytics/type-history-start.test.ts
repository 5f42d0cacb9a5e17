import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { customerTimeline } from '../customers/timeline.js';
import { analyze } from './analyze.service.js';
import { customerTypeTimeline } from './types.service.js';

// the store's days end at midnight in Jakarta (UTC+7): a spell is entered at its day's end
const june30End = '2024-06-30T17:00:00.000Z';
const july20End = '2024-07-20T17:00:00.000Z';
const august15End = '2024-08-15T17:00:00.000Z';
// the day 'early' became overdue: last purchase 1 May, usually every 30.5 days, more than 61 days after it
const july2End = '2024-07-02T17:00:00.000Z';

describeEachStore('the start of a customer\'s type history', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  const ids: Record<'early' | 'imported' | 'newcomer', number> = { early: 0, imported: 0, newcomer: 0 };

  beforeAll(async () => {
    const db = context.store.db;
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2024-09-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
    const order = (id: string, who: string, at: string) => ({ order_id: id, customer_email: `start.${who}@example.com`, ordered_at: at, channel: 'web', amount: '150000' });
    // bought in the spring: the store's first analysis finds them typed already
    await ingestRecords(db, 'orders', [order('E1', 'early', '2024-03-01T10:00:00+07:00'), order('E2', 'early', '2024-04-01T10:00:00+07:00'), order('E3', 'early', '2024-05-01T10:00:00+07:00')],
      { actor: 'test', clock: fixedClock('2024-06-30T05:00:00Z') });
    await analyze(db, { asOf: '2024-06-30', clock: fixedClock('2024-06-30T12:00:00Z') });
    // first typed after the history began, but known before that day: an order of 10 July imported on 20 July
    await ingestRecords(db, 'orders', [order('I1', 'imported', '2024-07-10T10:00:00+07:00')], { actor: 'test', clock: fixedClock('2024-07-20T03:00:00Z') });
    // first seen on 15 August, typed that day: a change
    await ingestRecords(db, 'orders', [order('N1', 'newcomer', '2024-08-15T10:00:00+07:00')], { actor: 'test', clock: fixedClock('2024-08-15T03:30:00Z') });
    await analyze(db, { asOf: '2024-08-15', clock: fixedClock('2024-09-01T00:00:00Z') });
    const rows = await db.selectFrom('customer').select(['customer_id', 'email']).where('email', 'like', 'start.%').execute();
    for (const row of rows) ids[String(row.email).split('.')[1].split('@')[0] as keyof typeof ids] = Number(row.customer_id);
  });
  afterAll(async () => app?.close());

  const spells = async (customerId: number) => (await customerTypeTimeline(context.store.db, customerId)).timeline
    .map((spell) => [spell.type, spell.enteredAt, spell.sinceHistoryStart]);
  const typeEntries = async (customerId: number) => (await customerTimeline(context.store.db, customerId, { limit: 200 })).items
    .filter((item) => item.kind === 'type_change' && item.detail.change === 'entered').map((item) => [item.title, item.detail.sinceHistoryStart]);

  it('says a type found by the store\'s first analysis was held already, and a later one was taken', async () => {
    // a VIP of three purchases on 30 June; at risk from 2 July, as the analysis of 15 August saw
    expect(await spells(ids.early)).toEqual([['vip', june30End, true], ['occasional', june30End, true], ['at_risk', july2End, false]]);
    expect(await typeEntries(ids.early)).toEqual([
      ['became at_risk', false], ['already occasional when the type history began', true], ['already vip when the type history began', true],
    ]);
  });

  it('says the same of a customer first typed later who was known before that day, but not of one who appeared that day', async () => {
    // typed on 20 July, when their order of 10 July was imported: new since 10 July, not since 20 July
    // one-time from 9 August (first purchase + 30 days), as the analysis of 15 August saw
    expect(await spells(ids.imported)).toEqual([['new', july20End, true], ['one_time', '2024-08-09T17:00:00.000Z', false]]);
    expect(await typeEntries(ids.imported)).toEqual([['became one_time', false], ['already new when the type history began', true]]);
    expect(await spells(ids.newcomer)).toEqual([['new', august15End, false]]);
    expect(await typeEntries(ids.newcomer)).toEqual([['became new', false]]);
  });

  it('sends sinceHistoryStart in the API\'s type history', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/customers/${ids.early}/types`, headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    const timeline = (response.json() as { timeline: Array<{ enteredAt: string; sinceHistoryStart: boolean }> }).timeline;
    expect(timeline.map((spell) => [spell.enteredAt, spell.sinceHistoryStart])).toEqual([[june30End, true], [june30End, true], [july2End, false]]);
  });
});

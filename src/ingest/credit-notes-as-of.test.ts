import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import type { Database } from '../db/schema.js';
import { analyze, reportCohorts, reportLifecycle, reportTypes } from '../analytics/index.js';
import { loadAnalysisContext } from '../analytics/analysis-context.js';
import { metricSeriesWindow } from '../analytics/alerts/alerts.service.js';
import { readStoreSeries } from '../analytics/alerts/metric-series.repo.js';
import { loadPurchaseDays } from '../models/models.repo.js';
import { dayNumberOf } from '../models/models.service.js';
import { getStoreSettings } from '../settings/index.js';
import { importFile } from './import-file.service.js';
import { rebuildFacts } from './rebuild.service.js';

// A credit note gives back money for an earlier sale; as of a day before the credit note, it has not
// happened yet: the sale counts in full, as it did when that day was analysed first.
const files = scratchFiles('credit-notes-as-of');
const header = 'order_id,customer_id,ordered_at,status,channel,sku,quantity,unit_price';

/**
 * K1 buys 100.00 on 10 March (web) and is given back 40.00 on the 20th (store). K2 buys 50.00 on the
 * 10th and is given all of it back on the 20th. K3's only order is a credit note (its sale predates the
 * data). K4's credit note of the 5th (store) is for a sale before the data; K4 buys 30.00 on the 12th (web).
 */
const rows = [
  'S1,K1,2024-03-10T10:00:00Z,paid,web,X,1,10000',
  'C1,K1,2024-03-20T10:00:00Z,credit note,store,X,1,4000',
  'S2,K2,2024-03-10T11:00:00Z,paid,web,Y,1,5000',
  'C2,K2,2024-03-20T11:00:00Z,credit note,store,Y,1,5000',
  'C3,K3,2024-03-08T10:00:00Z,credit note,store,X,1,2000',
  'C4,K4,2024-03-05T10:00:00Z,credit note,store,X,1,1500',
  'S4,K4,2024-03-12T10:00:00Z,paid,web,X,1,3000',
];

const customerOf = async (db: Kysely<Database>, value: string) =>
  Number((await sql<{ customer_id: number }>`select customer_id from customer_identity where value = ${value}`.execute(db)).rows[0].customer_id);

describeEachStore('a credit note dated after the as-of day', (context) => {
  const db = () => context.store.db;
  const clock = importDefaults.clock;

  beforeAll(async () => {
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('orders.csv', [header, ...rows].join('\n')) });
    expect(summary).toMatchObject({ read: 7, inserted: 7, rejected: 0 });
  });

  const monetaryOf = async (customer: string) => {
    const row = await db().selectFrom('customer_rfm_score').select('monetary_minor').where('customer_id', '=', await customerOf(db(), customer)).executeTakeFirst();
    return row === undefined ? null : Number(row.monetary_minor);
  };
  const typesOf = async (customer: string) =>
    (await db().selectFrom('customer_type').select('types').where('customer_id', '=', await customerOf(db(), customer)).executeTakeFirstOrThrow()).types;

  it('leaves the sale whole in an analysis of an earlier day: RFM, types and the types report see 100.00', async () => {
    await analyze(db(), { asOf: '2024-03-15', clock });
    expect(await monetaryOf('K1')).toBe(10_000);
    // K2's sale, given back in full only on the 20th, was a purchase on the 15th
    expect(await monetaryOf('K2')).toBe(5_000);
    expect(await typesOf('K2')).not.toContain('lead');
    expect((await reportTypes(db())).revenueLifetimeMinor).toBe(10_000 + 5_000 + 3_000);
  });

  it('takes the credit off in an analysis of a day after it: 60.00', async () => {
    await analyze(db(), { asOf: '2024-03-25', clock });
    expect(await monetaryOf('K1')).toBe(6_000);
    expect(await monetaryOf('K2')).toBeNull();
    expect(await typesOf('K2')).toContain('lead');
    expect((await reportTypes(db())).revenueLifetimeMinor).toBe(6_000 + 3_000);
  });

  it('gives the cohorts report the revenue of the day asked for', async () => {
    const march = async (asOf: string) => (await reportCohorts(db(), { asOf, clock })).cohorts.find((cohort) => cohort.cohort === '2024-03')!;
    expect(await march('2024-03-15')).toMatchObject({ customers: 3, months: [expect.objectContaining({ revenuePerCustomerMinor: (10_000 + 5_000 + 3_000) / 3 })] });
    expect(await march('2024-03-25')).toMatchObject({ customers: 2, months: [expect.objectContaining({ revenuePerCustomerMinor: (6_000 + 3_000) / 2 })] });
  });

  it('gives the models and the alerts\' series the amounts of the day asked for', async () => {
    const { timeZone } = await getStoreSettings(db());
    const spendOn = async (day: string) => {
      const days = await loadPurchaseDays(db(), dayNumberOf(day), { timeZone });
      return Array.from(days.amount).reduce((sum, amount) => sum + amount, 0);
    };
    expect(await spendOn('2024-03-15')).toBe(10_000 + 5_000 + 3_000);
    expect(await spendOn('2024-03-25')).toBe(6_000 + 3_000);
    // the store's revenue of the 10th, seen from the 15th: the daily bucket 5 days back
    const context = await loadAnalysisContext(db(), '2024-03-15', clock);
    const series = await readStoreSeries(db(), await metricSeriesWindow(db(), context, clock.now()));
    expect(series.find((row) => row.granularity === 'day' && row.bucket === 5 && row.dimension === 'all')?.revenue).toBe(10_000 + 5_000);
  });

  it('is no sign of interest: the first is the sale\'s day and channel, and a customer with only a credit note has none', async () => {
    const traitsOf = async (customer: string) => db().selectFrom('customer_trait').select(['first_interest_at', 'first_interest_channel'])
      .where('customer_id', '=', await customerOf(db(), customer)).executeTakeFirstOrThrow();
    const expected = {
      K1: { first_interest_at: new Date('2024-03-10T10:00:00Z'), first_interest_channel: 'web' },
      K3: { first_interest_at: null, first_interest_channel: null },
      K4: { first_interest_at: new Date('2024-03-12T10:00:00Z'), first_interest_channel: 'web' },
    };
    for (const [customer, facts] of Object.entries(expected)) expect(await traitsOf(customer)).toEqual(facts);
    // the full recompute agrees with what the import kept
    expect((await rebuildFacts(db(), { clock })).changedCustomers).toBe(0);
    for (const [customer, facts] of Object.entries(expected)) expect(await traitsOf(customer)).toEqual(facts);

    // the lifecycle report acquires K1, K2 and K4 on the web, and not K3
    const lifecycle = await reportLifecycle(db(), { asOf: '2024-03-25', clock });
    expect(lifecycle.byChannel.map((funnel) => [funnel.segment, funnel.stages[0].customers])).toEqual([['web', 3]]);
    // K3 bought before the data: no purchase by any day of it, so a lead, with no sign of interest recorded
    const k3 = await db().selectFrom('customer_type').select(['types', 'numbers']).where('customer_id', '=', await customerOf(db(), 'K3')).executeTakeFirstOrThrow();
    expect(k3).toEqual({ types: ['lead'], numbers: { lead: { firstInterestDay: null, firstInterestChannel: null } } });
    // K4 is shown a lead of the day it bought as of the day before
    await analyze(db(), { asOf: '2024-03-11', clock });
    const k4 = await db().selectFrom('customer_type').select(['types', 'numbers']).where('customer_id', '=', await customerOf(db(), 'K4')).executeTakeFirstOrThrow();
    expect(k4).toEqual({ types: ['lead'], numbers: { lead: { firstInterestDay: null, firstInterestChannel: null } } });
  });
});

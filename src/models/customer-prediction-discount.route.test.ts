import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { cdnowPurchaseDayRows, insertPurchaseDays } from '../../test/fixtures/models/load-cdnow.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { predictCustomers } from './index.js';

type Prediction = {
  expectedSpendMinor: number | null; clvMinor: number | null; clvHorizonDays: number | null;
  clvDiscountRate: number | null; clvPeriodDays: number | null; spendNotEstimated: string | null; purchaseDays: number;
};

const freeBuyer = 990_001;

// the CDNOW sample's purchase days (in cents) and a customer whose three orders were all free, predicted as of its calibration end
describeEachStore('a customer\'s prediction over HTTP: how the value is discounted, and why a free buyer has none', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  const get = async <T>(url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    return response.json() as T;
  };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-03T10:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
    const { db } = context.store;
    const rows = cdnowPurchaseDayRows();
    await sql`insert into customer (customer_id, name) values (${freeBuyer}::bigint, 'free orders only')`.execute(db);
    for (const day of ['1997-03-01', '1997-04-10', '1997-05-20']) rows.push({ customer: freeBuyer, day: Date.parse(`${day}T00:00:00Z`) / 86_400_000, cents: 0 });
    await insertPurchaseDays(db, rows);
    await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 180, discountRate: 0.02, periodDays: 7 });
  }, 300_000);
  afterAll(async () => app?.close());

  it('stores the run\'s discount rate and period with each prediction and returns them', async () => {
    const stored = await sql<{ rate: number | null; period: number | null; rows: number }>`
      select clv_discount_rate as rate, clv_period_days as period, count(*)::int as rows from customer_prediction group by 1, 2`.execute(context.store.db);
    expect(stored.rows.map((row) => [row.rate, row.period])).toEqual([[0.02, 7]]);
    const payer = await sql<{ customer_id: number }>`select customer_id from customer_prediction where clv_minor is not null order by customer_id limit 1`.execute(context.store.db);
    const prediction = await get<Prediction>(`/api/customers/${payer.rows[0].customer_id}/prediction`);
    expect(prediction).toMatchObject({ clvHorizonDays: 180, clvDiscountRate: 0.02, clvPeriodDays: 7, spendNotEstimated: null });
    expect(prediction.clvMinor).toEqual(expect.any(Number));
  });

  it('says a buyer of free orders only has no spend or value because every purchase was free, in the prediction, the customer and the timeline', async () => {
    const prediction = await get<Prediction>(`/api/customers/${freeBuyer}/prediction`);
    expect(prediction).toMatchObject({ purchaseDays: 3, expectedSpendMinor: null, clvMinor: null, spendNotEstimated: 'free_purchases_only', clvDiscountRate: 0.02, clvPeriodDays: 7 });
    const detail = await get<{ prediction: Record<string, unknown> }>(`/api/customers/${freeBuyer}`);
    expect(detail.prediction).toMatchObject({ clv_minor: null, spend_not_estimated: 'free_purchases_only', clv_discount_rate: 0.02, clv_period_days: 7, clv_horizon_days: 180 });
    const timeline = await get<{ items: Array<{ kind: string; detail: Record<string, unknown> }> }>(`/api/customers/${freeBuyer}/timeline`);
    expect(timeline.items.find((item) => item.kind === 'prediction')?.detail).toMatchObject({
      clvMinor: null, spendNotEstimated: 'free_purchases_only', clvDiscountRate: 0.02, clvPeriodDays: 7, clvHorizonDays: 180,
    });
  });
});

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { cdnowPurchaseDayRows, insertPurchaseDays } from '../../test/fixtures/models/load-cdnow.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { predictCustomers } from './index.js';

type Prediction = { pAlive: number | null; expectedSpendMinor: number | null; clvMinor: number | null; clvHorizonDays: number | null; nextPurchaseDay: string | null; purchaseDays: number };

describeEachStore('a customer\'s prediction over HTTP', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-03T10:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('says what the prediction was made from and what its value covers, and gives a one-time buyer the store\'s average spend and no next purchase', async () => {
    const { db } = context.store;
    // the CDNOW sample's purchase days (one row per customer and day, in cents), predicted as of its calibration end
    await insertPurchaseDays(db, cdnowPurchaseDayRows());
    const predicted = await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 180, discountRate: 0.01 });
    const spendModel = predicted.fits.spend!.params as { p: number; q: number; gamma: number };

    const predictionOf = async (customerId: number) => {
      const response = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/prediction`, headers: analyst.readHeaders });
      expect(response.statusCode).toBe(200);
      return response.json() as Prediction;
    };
    const days = await sql<{ customer_id: number; before: number; after: number }>`
      select customer_id, count(*) filter (where day <= '1997-09-30')::int as before, count(*) filter (where day > '1997-09-30')::int as after
      from customer_purchase_day group by customer_id order by customer_id`.execute(db);
    const oneTime = days.rows.find((row) => row.before === 1)!;
    const repeatThenMore = days.rows.find((row) => row.before >= 3 && row.after > 0)!;

    const once = await predictionOf(Number(oneTime.customer_id));
    expect(once).toMatchObject({ purchaseDays: 1, pAlive: null, nextPurchaseDay: null, clvHorizonDays: 180 });
    // Gamma-Gamma for x = 0 is the population mean pγ/(q − 1): the store's average, whatever their one order cost
    expect(once.expectedSpendMinor).toBe(Math.round((spendModel.p * spendModel.gamma) / (spendModel.q - 1)));
    // counted up to the day the prediction describes, not the purchases since
    const repeat = await predictionOf(Number(repeatThenMore.customer_id));
    expect(repeat.purchaseDays).toBe(repeatThenMore.before);
    expect(repeat.pAlive).not.toBeNull();
  });
});

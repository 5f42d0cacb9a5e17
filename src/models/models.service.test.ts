import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { loadCdnowPurchases } from '../../test/fixtures/models/load-cdnow.js';
import { fitModels, predictCustomers, validateModels } from './index.js';
import { notConvergedAdvice } from './models.service.js';

describeEachStore('models service', (context) => {
  it('loads CDNOW purchase days, fits, validates and writes predictions in bulk', async () => {
    const { db } = context.store;
    // one row per customer per day, as the ingest code maintains the table; dollars → cents
    const purchases = loadCdnowPurchases();
    const byDay = new Map<string, { customer: number; day: number; orders: number; cents: number }>();
    for (let i = 0; i < purchases.day.length; i++) {
      const key = `${purchases.customerIndex[i]}:${purchases.day[i]}`;
      const entry = byDay.get(key) ?? { customer: purchases.customerIndex[i], day: purchases.day[i], orders: 0, cents: 0 };
      entry.orders++;
      entry.cents += Math.round(purchases.amount[i] * 100);
      byDay.set(key, entry);
    }
    const rows = [...byDay.values()];
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select id, date '1970-01-01' + day, orders, cents
      from unnest(${rows.map((row) => row.customer)}::bigint[], ${rows.map((row) => row.day)}::int[], ${rows.map((row) => row.orders)}::int[], ${rows.map((row) => row.cents)}::bigint[]) as input(id, day, orders, cents)`.execute(db);
    await sql`insert into store_setting (key, value) values ('currency', '"USD"'::jsonb)`.execute(db);

    const fitted = await fitModels(db, { calibrationEnd: '1997-09-30', unit: 'week', model: 'all', penalty: 0 });
    expect(fitted.customers).toBe(2357);
    expect(fitted.fits.map((fit) => fit.model)).toEqual(['bgnbd', 'paretonbd', 'gammagamma']);
    const bgNbd = fitted.fits[0].params;
    expect(Math.abs(bgNbd.r / 0.243 - 1)).toBeLessThan(0.01);
    expect(Math.abs(bgNbd.alpha / 4.414 - 1)).toBeLessThan(0.01);
    // spend in cents: γ scales by 100, p and q do not
    expect(Math.abs(fitted.fits[2].params.gamma / 1544 - 1)).toBeLessThan(0.01);
    const stored = await sql<{ count: number }>`select count(*)::int as count from model_fit`.execute(db);
    expect(stored.rows[0].count).toBe(3);

    const validation = await validateModels(db, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week', model: 'all' });
    expect(validation.models).toHaveLength(2);
    expect(validation.models[0].holdout.totalActual).toBe(1882);
    expect(validation.models[0].tracking).toHaveLength(78);
    expect(JSON.parse(JSON.stringify(validation)).ranking).toHaveLength(2);

    const predicted = await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01 });
    expect(predicted.currency).toBe('USD');
    expect(predicted.churnRisk.reduce((total, row) => total + row.customers, 0)).toBe(2357);
    const customerOne = await sql<{ p_alive: number; clv_minor: number; next_purchase_day: unknown; churn_risk: string }>`
      select p_alive, clv_minor, next_purchase_day, churn_risk from customer_prediction where customer_id = 1`.execute(db);
    expect(customerOne.rows[0].p_alive).toBeCloseTo(0.7266, 3);
    expect(customerOne.rows[0].clv_minor).toBeGreaterThan(0);
    expect(customerOne.rows[0].churn_risk).toBe('low');
    // BG/NBD's P(alive) of a one-time buyer is 1 by construction: not estimated, rather than "low risk"
    const oneTimeBuyers = (before: string) => sql<{ p_alive: number | null; churn_risk: string | null; expected_purchases_90d: number; next_purchase_day: unknown; clv_horizon_days: number; buyers: number }>`
      select p_alive, churn_risk, expected_purchases_90d, next_purchase_day, clv_horizon_days, count(*) over ()::int as buyers from customer_prediction
      where customer_id in (select customer_id from customer_purchase_day where day <= ${before}::date group by customer_id having count(*) = 1)
      order by customer_id`.execute(db);
    const bgNbdOneTimers = (await oneTimeBuyers('1997-09-30')).rows;
    // 946 of the 2,357 had a repeat purchase by the calibration end (the Gamma-Gamma sample)
    expect(bgNbdOneTimers.length).toBe(2357 - 946);
    expect(bgNbdOneTimers.every((row) => row.p_alive === null && row.churn_risk === null && row.expected_purchases_90d > 0)).toBe(true);
    expect(predicted.churnRisk.find((row) => row.churnRisk === null)?.customers).toBe(bgNbdOneTimers.length);
    // nor a likely next purchase, a median wait that assumes they are still there (it gave them one, 2007-09-20)
    expect(bgNbdOneTimers.filter((row) => row.next_purchase_day !== null).length).toBe(0);
    // the lifetime value says what it covers: the run's horizon
    expect(new Set(bgNbdOneTimers.map((row) => row.clv_horizon_days))).toEqual(new Set([365]));

    // a second run replaces, never duplicates; Pareto/NBD estimates P(alive) for one-time buyers too
    await predictCustomers(db, { asOf: '1998-06-30', horizonDays: 365, discountRate: 0.01, model: 'paretonbd' });
    const count = await sql<{ count: number }>`select count(*)::int as count from customer_prediction`.execute(db);
    expect(count.rows[0].count).toBe(2357);
    const paretoOneTimers = (await oneTimeBuyers('1998-06-30')).rows;
    expect(paretoOneTimers.length).toBeGreaterThan(1000);
    expect(paretoOneTimers.every((row) => row.p_alive !== null && row.p_alive < 1 && row.churn_risk !== null)).toBe(true);
  });

  it('refuses to store predictions from a fit that did not converge, and keeps the earlier ones', async () => {
    const { db } = context.store;
    const before = await sql<{ count: number; fits: number }>`select (select count(*) from customer_prediction)::int as count, (select count(*) from model_fit)::int as fits`.execute(db);
    // one customer, three purchases: nothing pins a population of customers down
    await sql`truncate customer_purchase_day`.execute(db);
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      values (1, '2026-01-10', 1, 5000), (1, '2026-03-12', 1, 7000), (1, '2026-05-20', 1, 6000)`.execute(db);
    const attempt = predictCustomers(db, { asOf: '2026-06-30', horizonDays: 365, discountRate: 0.01 });
    await expect(attempt).rejects.toMatchObject({ code: 'MODEL_FIT_NOT_CONVERGED', details: { field: 'model' } });
    // Pareto/NBD was tried in its place, and the message says how it fared
    await expect(attempt).rejects.toThrow(/The BG\/NBD fit did not converge \(r=.*after \d+ iterations\).*Pareto\/NBD, tried in its place \(r=.*\): .*Nothing was stored/);
    // no penalty makes up for one customer: the advice names the data a fit needs instead
    await expect(attempt).rejects.toThrow(/Nothing was stored; earlier predictions stay\. These are too few purchases to fit a purchase model, and no penalty makes up for them: 1 customer \(1 with a repeat purchase\), where a fit needs at least 10 repeat buyers\./);
    await expect(attempt).rejects.not.toThrow(/--penalty/);
    await expect(attempt).rejects.toMatchObject({ details: { data: { customers: 1, repeatBuyers: 1 } } });
    const after = await sql<{ count: number; fits: number }>`select (select count(*) from customer_prediction)::int as count, (select count(*) from model_fit)::int as fits`.execute(db);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});

describe('the advice after a fit that did not converge', () => {
  it('suggests a penalty when none was given, and a larger one than that given, never the same again', () => {
    expect(notConvergedAdvice(0)).toContain('--penalty 0.1');
    expect(notConvergedAdvice(0.1)).toBe('Even with the L2 penalty 0.1 the fit did not settle: try a larger one (--penalty 1) or a longer history');
    expect(notConvergedAdvice(0.3)).toContain('(--penalty 3)');
    expect(notConvergedAdvice(0.1)).not.toContain('--penalty 0.1)');
    // with enough repeat buyers a penalty may still settle the fit
    expect(notConvergedAdvice(0, { customers: 500, repeatBuyers: 200 })).toContain('--penalty 0.1');
    expect(notConvergedAdvice(1, { customers: 500, repeatBuyers: 10 })).toContain('(--penalty 10)');
  });

  it('asks for more customers, naming the counts, when there are too few repeat buyers for any penalty to help', () => {
    // 5 customers, 4 repeat buyers: every penalty from 0.1 to 100 ran α towards 1e-300
    for (const penalty of [0, 0.1, 100]) {
      const advice = notConvergedAdvice(penalty, { customers: 5, repeatBuyers: 4 });
      expect(advice).toBe('These are too few purchases to fit a purchase model, and no penalty makes up for them: 5 customers (4 with a repeat purchase), '
        + 'where a fit needs at least 10 repeat buyers. Predict again when more customers have bought more than once');
    }
  });
});

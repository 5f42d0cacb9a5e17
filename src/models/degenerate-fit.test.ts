import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { loadCdnowPurchases } from '../../test/fixtures/models/load-cdnow.js';
import { predictCustomers } from './index.js';

/** CDNOW sample customers `first`..`last` (sample ids), their purchases up to the classic calibration end, one row per customer and day. */
async function storeCdnowCustomers(db: Kysely<Database>, first: number, last: number): Promise<void> {
  const purchases = loadCdnowPurchases();
  const calibrationEnd = Date.UTC(1997, 8, 30) / 86_400_000;
  const byDay = new Map<string, { customer: number; day: number; cents: number }>();
  for (let i = 0; i < purchases.day.length; i++) {
    const customer = purchases.customerIndex[i];
    if (customer < first || customer > last || purchases.day[i] > calibrationEnd) continue;
    const key = `${customer}:${purchases.day[i]}`;
    const entry = byDay.get(key) ?? { customer, day: purchases.day[i], cents: 0 };
    entry.cents += Math.round(purchases.amount[i] * 100);
    byDay.set(key, entry);
  }
  const rows = [...byDay.values()];
  await sql`truncate customer_purchase_day`.execute(db);
  await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select id, date '1970-01-01' + day, 1, cents
    from unnest(${rows.map((row) => row.customer)}::bigint[], ${rows.map((row) => row.day)}::int[], ${rows.map((row) => row.cents)}::bigint[]) as input(id, day, cents)`.execute(db);
}

const storedCounts = (db: Kysely<Database>) =>
  sql<{ predictions: number; fits: number }>`select (select count(*) from customer_prediction)::int as predictions, (select count(*) from model_fit)::int as fits`.execute(db);

describeEachStore('degenerate purchase-model fits', (context) => {
  it('sets a Pareto/NBD fit with no dropout aside and predicts with a sound BG/NBD fit, saying so', async () => {
    const { db } = context.store;
    // 20 customers: Pareto/NBD converges to s ≈ 1e-4, β ≈ 9e3 (almost no one ever leaves); BG/NBD to a ≈ 0.07, b ≈ 0.6
    await storeCdnowCustomers(db, 2201, 2220);
    const run = await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01, model: 'paretonbd' });
    expect(run.fits.transaction.model).toBe('bgnbd');
    expect(run.notes[0]).toMatch(/^The Pareto\/NBD fit was set aside \(r=.*s=.*\): it expects .*% of customers to drop out within .* weeks .*under 1%.*The predictions use the BG\/NBD fit instead/);
    const stored = await sql<{ model: string; lowest: number; highest: number }>`
      select f.model, min(p.p_alive) as lowest, max(p.p_alive) as highest
      from customer_prediction p join model_fit f on f.model_fit_id = p.model_fit_id group by f.model`.execute(db);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].model).toBe('bgnbd');
    // the point of the refusal: P(alive) now falls for the repeat buyers long silent (the set-aside fit gave everyone 1.00)
    expect(Number(stored.rows[0].lowest)).toBeLessThan(0.9);
  });

  it('predicts with the other model when the requested one does not converge, saying so', async () => {
    const { db } = context.store;
    // 40 customers through 2024, one to five purchase days each, half of them only in its first 60 days:
    // BG/NBD runs off with a and b growing without bound (not converged); Pareto/NBD fits them soundly
    const rows = Array.from({ length: 40 }, (_, i) => [...new Set(Array.from({ length: 1 + (i % 5) }, (_, j) => (i % 2 === 0 ? (i + j * 11) % 60 : (i * 7 + j * 61) % 340)))]
      .map((day) => ({ customer: i + 1, day }))).flat();
    await sql`truncate customer_purchase_day`.execute(db);
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select id, date '2024-01-01' + day, 1, 20000 from unnest(${rows.map((row) => row.customer)}::bigint[], ${rows.map((row) => row.day)}::int[]) as input(id, day)`.execute(db);
    const run = await predictCustomers(db, { asOf: '2024-12-31', horizonDays: 365, discountRate: 0.01 });
    expect(run.fits.transaction.model).toBe('paretonbd');
    expect(run.notes[0]).toMatch(/^The BG\/NBD fit was set aside \(r=.*a=.*\): it did not converge \(after \d+ iterations.*The predictions use the Pareto\/NBD fit instead/);
    expect((await storedCounts(db)).rows[0].predictions).toBe(40);
  });

  it('stores nothing when neither model fits soundly, names both reasons, and keeps the earlier predictions', async () => {
    const { db } = context.store;
    await storeCdnowCustomers(db, 2201, 2220);
    await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01 });
    const before = (await storedCounts(db)).rows[0];
    expect(before.predictions).toBe(20);
    // 10 customers: BG/NBD converges to a ≈ 7e-8, Pareto/NBD to s ≈ 6e-6; both give every customer P(alive) 1.00
    await storeCdnowCustomers(db, 501, 510);
    const attempt = predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01 });
    await expect(attempt).rejects.toMatchObject({
      code: 'MODEL_FIT_DEGENERATE',
      details: { field: 'model', fits: [expect.objectContaining({ model: 'bgnbd', converged: true }), expect.objectContaining({ model: 'paretonbd' })] },
    });
    await expect(attempt).rejects.toThrow(/^No sound purchase model fits these purchases.*BG\/NBD \(r=.*a=.*\): it expects .*Pareto\/NBD \(r=.*s=.*\): .*Nothing was stored; earlier predictions stay/);
    expect((await storedCounts(db)).rows[0]).toEqual(before);
  });

  it('reports no total CLV, rather than 0, when no spend model could be fitted', async () => {
    const { db } = context.store;
    // fewer than 10 repeat buyers: no Gamma-Gamma fit, so no customer has a lifetime value
    await storeCdnowCustomers(db, 2201, 2220);
    const run = await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01 });
    expect(run.fits.spend).toBeNull();
    expect(run.totalClvMinor).toBeNull();
    expect(run.notes).toContain('No expected spend or CLV: fewer than 10 repeat buyers with spend to fit the Gamma-Gamma spend model on.');
    const values = await sql<{ valued: number }>`select count(clv_minor)::int as valued from customer_prediction`.execute(db);
    expect(values.rows[0].valued).toBe(0);
  });
});

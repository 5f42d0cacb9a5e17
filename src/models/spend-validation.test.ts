import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore, type SeedOrder } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { expectedSpendGammaGamma } from './gamma-gamma.js';
import { dayNumberOf, isoDateOf, validateModels } from './models.service.js';
import { createRandom } from './random.js';
import { validateSpendModel } from './spend-validation.js';
import { simulatePurchaseColumns } from './simulate.js';

const clock = fixedClock('2025-12-01T00:00:00Z');
const period = { calibrationEnd: '2025-06-30', holdoutEnd: '2025-09-30', unit: 'week' as const, clock };

type Buyer = { id: number; calibration: number[]; holdout: number[] };

/**
 * 60 buyers whose own spend level runs from 20.00 to 108.50 (minor units ×100), ±20% from order to order;
 * 0–3 repeat purchases in the calibration half-year, and two in three buy again in the holdout at
 * `holdoutFactor` × their level: the holdout's average order value is known before any model runs.
 */
function buyers(holdoutFactor: number): Buyer[] {
  return Array.from({ length: 60 }, (_, index) => {
    const id = index + 1;
    const level = 2_000 + ((id * 37) % 60) * 150;
    const calibration = Array.from({ length: 1 + (id % 4) }, (_, k) => Math.round(level * (1 + 0.2 * ((k + id) % 3 - 1))));
    const holdout = id % 3 === 0 ? [] : Array.from({ length: 1 + (id % 2) }, (_, k) => Math.round(level * holdoutFactor * (1 + 0.1 * k)));
    return { id, calibration, holdout };
  });
}

function ordersOf(list: Buyer[]): SeedOrder[] {
  const dayOf = (start: string, offset: number) => new Date(Date.parse(start) + offset * 86_400_000).toISOString().slice(0, 10);
  return list.flatMap((buyer) => [
    // those who will not come back bought weekly at first and then went quiet: the purchase models see dropout
    ...buyer.calibration.map((amountMinor, k) => ({ customerId: buyer.id, day: dayOf('2025-01-01', (buyer.id % 20) + (buyer.holdout.length > 0 ? 35 : 7) * k), amountMinor })),
    ...buyer.holdout.map((amountMinor, k) => ({ customerId: buyer.id, day: dayOf('2025-07-05', (buyer.id % 10) + 30 * k), amountMinor })),
  ]);
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;

describeEachStore('validating the Gamma-Gamma spend model on a calibration and holdout period', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  const seed = (list: Buyer[]) => seedStore(context.store.db, { currency: 'USD', customerIds: list.map((buyer) => buyer.id), orders: ordersOf(list) });

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  it('validates only the spend model for gammagamma: expected vs actual holdout average order value, beside naive predictions', async () => {
    const list = buyers(1.5);
    await seed(list);
    const result = await validateModels(context.store.db, { ...period, model: 'gammagamma' });
    expect(result.models).toEqual([]);
    expect(result.ranking).toEqual([]);
    const spend = result.spend!;
    expect(spend.fit).toMatchObject({ model: 'gammagamma', converged: true });
    expect(spend.note).toBeNull();
    // the customers compared: repeat buyers of the calibration period (x > 0) who bought in the holdout
    const compared = list.filter((buyer) => buyer.calibration.length > 1 && buyer.holdout.length > 0);
    const holdout = spend.holdout!;
    expect(holdout.customers).toBe(compared.length);
    expect(holdout.meanActual).toBeCloseTo(mean(compared.map((buyer) => mean(buyer.holdout))), 6);
    // E[Z | m, x] from the reported fit and each buyer's own repeat purchases (the first one excluded)
    const params = spend.fit!.params as { p: number; q: number; gamma: number };
    const expected = (buyer: Buyer) => expectedSpendGammaGamma(params, buyer.calibration.length - 1, mean(buyer.calibration.slice(1)));
    expect(holdout.model.meanPredicted).toBeCloseTo(mean(compared.map(expected)), 6);
    expect(holdout.model.metrics.meanAbsoluteError).toBeCloseTo(mean(compared.map((buyer) => Math.abs(expected(buyer) - mean(buyer.holdout)))), 6);
    expect(holdout.calibrationMean.meanPredicted).toBeCloseTo(mean(compared.map((buyer) => mean(buyer.calibration.slice(1)))), 6);
    expect(holdout.populationMean.metrics.correlation).toBeNull();
    const holdoutRevenue = list.reduce((total, buyer) => total + buyer.holdout.reduce((sum, amount) => sum + amount, 0), 0);
    expect(holdout.revenueGivenPurchases.actual).toBe(holdoutRevenue);
    // holdout spend half as high again as the calibration's: every prediction falls short
    expect(holdout.model.meanPredicted).toBeLessThan(holdout.meanActual * 0.8);
    expect(holdout.revenue).toEqual([]);

    // the same buyers spending as in the calibration period: same fit and predictions, actual spend and errors follow
    await seed(buyers(1));
    const same = (await validateModels(context.store.db, { ...period, model: 'gammagamma' })).spend!.holdout!;
    expect(same.model.meanPredicted).toBeCloseTo(holdout.model.meanPredicted, 6);
    expect(same.meanActual).toBeCloseTo(holdout.meanActual / 1.5, 0);
    expect(same.model.metrics.meanAbsoluteError).toBeLessThan(holdout.model.metrics.meanAbsoluteError / 1.5);
    expect(same.revenueGivenPurchases.actual).toBeLessThan(holdoutRevenue / 1.4);
  });

  it('includes the spend model in all, with holdout revenue of each purchase model × spend, and leaves it out of bgnbd', async () => {
    // 400 customers drawn from the models' own stories (BG/NBD purchases by the day, Gamma-Gamma spend in cents)
    const simulated = simulatePurchaseColumns(createRandom(7), { model: 'bgnbd', params: { r: 0.5, alpha: 40, a: 0.8, b: 2.4 } }, {
      customers: 400, firstDay: dayNumberOf('2025-01-01'), acquisitionDays: 90, endDay: dayNumberOf('2025-09-30'), spend: { p: 6, q: 4, gamma: 1_500 },
    });
    const orders = Array.from(simulated.day, (day, row) => ({ customerId: simulated.customerIndex[row] + 1, day: isoDateOf(day), amountMinor: Math.max(1, Math.round(simulated.amount[row])) }));
    await seedStore(context.store.db, { currency: 'USD', customerIds: Array.from({ length: 400 }, (_, index) => index + 1), orders });
    const all = await validateModels(context.store.db, { ...period, model: 'all' });
    expect(all.models.map((entry) => [entry.fit.model, entry.fit.converged])).toEqual([['bgnbd', true], ['paretonbd', true]]);
    const holdout = all.spend!.holdout!;
    const actualRevenue = orders.filter((order) => order.day > period.calibrationEnd).reduce((total, order) => total + order.amountMinor, 0);
    expect(holdout.revenueGivenPurchases.actual).toBe(actualRevenue);
    expect(holdout.revenue.map((entry) => entry.model)).toEqual(['bgnbd', 'paretonbd']);
    for (const [index, entry] of holdout.revenue.entries()) {
      expect(entry.actual).toBe(actualRevenue);
      // the purchase model's expected holdout purchase days times the spend model's value per purchase
      expect(entry.predicted! / all.models[index].holdout.totalPredicted).toBeGreaterThan(holdout.model.meanPredicted * 0.5);
      expect(entry.predicted! / actualRevenue).toBeGreaterThan(0.6);
      expect(entry.predicted! / actualRevenue).toBeLessThan(1.5);
    }
    // the same spend fit as when it is validated alone
    const alone = await validateModels(context.store.db, { ...period, model: 'gammagamma' });
    expect(alone.spend!.fit!.params).toEqual(all.spend!.fit!.params);
    expect((await validateModels(context.store.db, { ...period, model: 'bgnbd' })).spend).toBeNull();
  });

  it('answers over the API with the spend model alone for gammagamma', async () => {
    await seed(buyers(1.5));
    const response = await app.inject({ method: 'POST', url: '/api/models/validate', payload: { calibrationEnd: period.calibrationEnd, holdoutEnd: period.holdoutEnd, model: 'gammagamma' }, headers: analyst.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.models).toEqual([]);
    expect(body.spend.fit.model).toBe('gammagamma');
    expect(body.spend.holdout.customers).toBe(buyers(1.5).filter((buyer) => buyer.calibration.length > 1 && buyer.holdout.length > 0).length);
    expect(body.spend.holdout.populationMean.metrics.correlation).toBeNull();
    expect(body.spend.holdout.model.metrics.correlation).toBeGreaterThan(0.5);
  });
});

it('says a store whose repeat purchases are all worth 0 has no spend to learn, not that no one bought again', () => {
  const summaries = { frequency: Float64Array.from([0, 2, 1]) } as unknown as Parameters<typeof validateSpendModel>[1];
  const holdout = { purchases: new Float64Array(3), spend: new Float64Array(3), expectedPurchases: [] };
  expect(validateSpendModel(null, summaries, holdout).note).toBe('No repeat purchase of the calibration period has a value (every amount is 0): no Gamma-Gamma spend model to fit.');
  const noRepeats = { frequency: Float64Array.from([0, 0]) } as unknown as Parameters<typeof validateSpendModel>[1];
  expect(validateSpendModel(null, noRepeats, holdout).note).toBe('No customer made a repeat purchase in the calibration period: no Gamma-Gamma spend model to fit.');
});

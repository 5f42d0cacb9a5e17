import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { analyze } from './analyze.service.js';
import { writeTypePolicySetting } from './settings.repo.js';
import { chancePercentText, typeReason } from './type-reasons.js';
import { storedPAliveMaxAgeDays } from './facts.sql.js';
import { probabilityAliveBgNbd } from '../models/bg-nbd.js';

// P(alive) falls with every quiet day after a customer's last purchase: a value stored by a
// prediction months before the analysis kept a buyer who had stopped "alive" (CDNOW predicted as of
// 1997-09-30, analysed as of 1998-06-30: customer 187, quiet for 513 days, stayed occasional on
// a stored 0.30). The analysis works it out for its own as-of day from the fit.

const params = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

/** FHL (2005) eq. (13) by hand, x repeat purchase days, t_x and T in weeks. */
function bgNbdPAlive(x: number, recencyWeeks: number, ageWeeks: number): number {
  const { r, alpha, a, b } = params;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + ageWeeks) / (alpha + recencyWeeks)) ** (r + x));
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

async function fitOf(db: Kysely<Database>, model: 'bgnbd' | 'paretonbd', calibrationEnd: string, fitParams: object): Promise<number> {
  const fit = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers, is_predicting)
    values (${model}, 'week', ${calibrationEnd}::date, ${JSON.stringify(fitParams)}::jsonb, 0, true, 1, 0, 0, 2, true) returning model_fit_id`.execute(db);
  return fit.rows[0].model_fit_id;
}

async function predict(db: Kysely<Database>, fitId: number, customerId: number, pAlive: number, asOf: string): Promise<void> {
  await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
    values (${customerId}::bigint, ${fitId}::bigint, ${pAlive}::float8, 1, 'low', ${asOf}::date)
    on conflict (customer_id) do update set model_fit_id = excluded.model_fit_id, p_alive = excluded.p_alive, as_of = excluded.as_of`.execute(db);
}

type Row = { customer_id: number; types: string[]; numbers: Record<string, Record<string, unknown>> };
async function typeRows(db: Kysely<Database>): Promise<Map<number, Row>> {
  const rows = (await sql<Row>`select customer_id, types, numbers from customer_type order by customer_id`.execute(db)).rows;
  return new Map(rows.map((row) => [Number(row.customer_id), row]));
}

const money = { currency: 'USD', locale: 'en-US' } as Parameters<typeof typeReason>[2];

// weekly from 2021-01-04 to 2021-03-08 (10 purchase days), then nothing: 114 quiet days by 2021-06-30,
// within the 180 quiet days, so only P(alive) can call them lapsed; with the default wait of
// lapsed.pAliveMinQuietDays (180) it could not either, so these stores let it judge after 100 days
const judgeAfter100QuietDays = (db: Kysely<Database>) => writeTypePolicySetting(db, { lapsed: { pAliveMinQuietDays: 100 } });
const weekly = Array.from({ length: 10 }, (_, index) => new Date(Date.parse('2021-01-04T00:00:00Z') + index * 7 * 86_400_000).toISOString().slice(0, 10));
const asOf = '2021-06-30';

describeEachStore('P(alive) evaluated for the as-of day', (context) => {
  it('lapses a repeat buyer whom an old prediction called alive, once P(alive) on the as-of day is below the threshold', async () => {
    const { db } = context.store;
    await seedStore(db, { customerIds: [1], orders: weekly.map((day) => ({ customerId: 1, day, amountMinor: 20_000 })) });
    await sql`truncate model_fit, customer_prediction`.execute(db);
    await judgeAfter100QuietDays(db);
    const fitId = await fitOf(db, 'bgnbd', '2021-03-10', params);
    // as of 2021-03-10 they had just bought: alive
    await predict(db, fitId, 1, 0.95, '2021-03-10');

    await analyze(db, { asOf });
    const expected = bgNbdPAlive(9, daysBetween(weekly[0], weekly[9]) / 7, daysBetween(weekly[0], asOf) / 7);
    expect(expected).toBeLessThan(0.3);
    // the models' own formula agrees
    expect(probabilityAliveBgNbd(params, 9, 9, daysBetween(weekly[0], asOf) / 7)).toBeCloseTo(expected, 12);
    const row = (await typeRows(db)).get(1)!;
    expect(row.types).toContain('lapsed');
    expect(row.numbers.lapsed.pAlive).toBeCloseTo(expected, 10);
    expect(row.numbers.lapsed.pAliveAsOf).toBe(asOf);
    expect(typeReason('lapsed', row.numbers.lapsed, money)).toBe(`Lapsed: chance still active ${chancePercentText(expected)} as of ${asOf} (below 30%), last purchase 2021-03-08 after 10 purchase days, no purchase for more than 100 days`);

    // as of a week after the last purchase the same fit says alive, whatever the old prediction's day
    await analyze(db, { asOf: '2021-03-15' });
    expect((await typeRows(db)).get(1)!.types).not.toContain('lapsed');
  });

  it('judges a replay of an earlier day by the fit of that day, not by a later prediction or the quiet-days rule', async () => {
    const { db } = context.store;
    await seedStore(db, { customerIds: [1], orders: weekly.map((day) => ({ customerId: 1, day, amountMinor: 20_000 })) });
    await sql`truncate model_fit, customer_prediction`.execute(db);
    await judgeAfter100QuietDays(db);
    await fitOf(db, 'bgnbd', '2021-03-31', params);
    // a later fit, and the customer's one stored prediction, made with it as of a later day
    const laterFitId = await fitOf(db, 'bgnbd', '2021-07-31', { r: 2, alpha: 1, a: 0.1, b: 10 });
    await predict(db, laterFitId, 1, 0.9, '2021-07-31');
    await analyze(db, { asOf: '2021-07-31' });

    await analyze(db, { asOf });
    const expected = bgNbdPAlive(9, daysBetween(weekly[0], weekly[9]) / 7, daysBetween(weekly[0], asOf) / 7);
    const row = (await typeRows(db)).get(1)!;
    expect(row.types).toContain('lapsed');
    expect(row.numbers.lapsed).toEqual({ pAlive: expect.closeTo(expected, 10), pAliveAsOf: asOf, lastPurchaseDay: '2021-03-08', purchaseDays: 10, pAliveBelow: 0.3, pAliveMinQuietDays: 100 });
    // before any fit's day there is nothing to judge by but the quiet-days rule: 14 quiet days
    await analyze(db, { asOf: '2021-03-22' });
    expect((await typeRows(db)).get(1)!.types).not.toContain('lapsed');
  });

  it('gives the same verdict as a prediction made on the analysis day, and names the day', async () => {
    const { db } = context.store;
    // customer 1 as above; customer 2 bought twice, the second time on the day before the as-of day
    await seedStore(db, {
      customerIds: [1, 2],
      orders: [...weekly.map((day) => ({ customerId: 1, day, amountMinor: 20_000 })), { customerId: 2, day: '2021-06-01', amountMinor: 20_000 }, { customerId: 2, day: '2021-06-29', amountMinor: 20_000 }],
    });
    await sql`truncate model_fit, customer_prediction`.execute(db);
    await judgeAfter100QuietDays(db);
    const fitId = await fitOf(db, 'bgnbd', asOf, params);
    const gone = bgNbdPAlive(9, daysBetween(weekly[0], weekly[9]) / 7, daysBetween(weekly[0], asOf) / 7);
    const active = bgNbdPAlive(1, 4, daysBetween('2021-06-01', asOf) / 7);
    expect(active).toBeGreaterThan(0.3);
    // what the models would store, predicting as of the analysis day
    await predict(db, fitId, 1, gone, asOf);
    await predict(db, fitId, 2, active, asOf);

    await analyze(db, { asOf });
    const rows = await typeRows(db);
    expect(rows.get(1)!.types).toContain('lapsed');
    expect(rows.get(2)!.types).not.toContain('lapsed');
    expect(rows.get(1)!.numbers.lapsed).toEqual({ pAlive: expect.closeTo(gone, 10), pAliveAsOf: asOf, lastPurchaseDay: '2021-03-08', purchaseDays: 10, pAliveBelow: 0.3, pAliveMinQuietDays: 100 });
  });
});

// A Pareto/NBD fit's P(alive) needs special functions SQL lacks: its stored value is used only while fresh.
describeEachStore('a stored P(alive) that cannot be worked out again', (context) => {
  it(`is used within ${storedPAliveMaxAgeDays} days of its day, and past that the quiet-days rule decides and says the prediction is too old`, async () => {
    const { db } = context.store;
    // bought on two days in 2020, quiet for 200 days by the as-of day
    await seedStore(db, { customerIds: [1], orders: [{ customerId: 1, day: '2020-12-01', amountMinor: 20_000 }, { customerId: 1, day: '2020-12-12', amountMinor: 20_000 }] });
    await sql`truncate model_fit, customer_prediction`.execute(db);
    const fitId = await fitOf(db, 'paretonbd', '2021-01-31', { r: 0.5, alpha: 10, s: 0.6, beta: 12 });

    // a stored "alive" from five months before: too old; the quiet-days rule lapses them
    await predict(db, fitId, 1, 0.9, '2021-01-31');
    await analyze(db, { asOf });
    let row = (await typeRows(db)).get(1)!;
    expect(row.types).toContain('lapsed');
    expect(row.numbers.lapsed).toEqual({ lastPurchaseDay: '2020-12-12', quietDays: 180, stalePredictionAsOf: '2021-01-31' });
    expect(typeReason('lapsed', row.numbers.lapsed, money)).toBe('Lapsed: no purchase since 2020-12-12 (limit 180 days); the prediction as of 2021-01-31 is too old to judge by');

    // the same value predicted within the limit judges them, and its day is named
    const recent = new Date(Date.parse(`${asOf}T00:00:00Z`) - storedPAliveMaxAgeDays * 86_400_000).toISOString().slice(0, 10);
    await predict(db, fitId, 1, 0.1, recent);
    await analyze(db, { asOf });
    row = (await typeRows(db)).get(1)!;
    expect(row.numbers.lapsed).toEqual({ pAlive: 0.1, pAliveAsOf: recent, lastPurchaseDay: '2020-12-12', purchaseDays: 2, pAliveBelow: 0.3, pAliveMinQuietDays: 180 });
    await predict(db, fitId, 1, 0.9, recent);
    await analyze(db, { asOf });
    expect((await typeRows(db)).get(1)!.types).not.toContain('lapsed');
  });
});

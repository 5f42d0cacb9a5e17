import { describe, expect, it } from 'vitest';
import { loadCdnowPurchases } from '../../test/fixtures/models/load-cdnow.js';
import { AppError } from '../core/errors.js';
import { defaultChurnThresholds } from './clv.js';
import { dayNumberOf } from './day-numbers.js';
import { runFitJob, type FitJob } from './fit-jobs.js';
import { runInFitWorker } from './fit-thread.js';
import { createRandom } from './random.js';
import { simulatePurchaseColumns } from './simulate.js';
import { buildSummaries, countHoldoutPurchases, type PurchaseColumns } from './summaries.js';

const calibrationEnd = dayNumberOf('1997-09-30');
const copyOf = (purchases: PurchaseColumns): PurchaseColumns => ({ customerIndex: purchases.customerIndex.slice(), day: purchases.day.slice(), amount: purchases.amount.slice() });
const predictOptions = {
  asOfDay: calibrationEnd, horizonDays: 365, discountRate: 0.01, periodDays: 30, unit: 'week', model: 'bgnbd', penalty: 0, churnThresholds: defaultChurnThresholds,
} as const;

/** The job's result and how long it held this thread. */
function runHere(job: FitJob) {
  const started = performance.now();
  const result = runFitJob(job);
  return { result, millis: performance.now() - started };
}

/** The job's result on a worker, and the longest this thread's event loop went without a turn meanwhile (a timer due every 10 ms). */
async function runOnWorkerTicking(job: FitJob) {
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  try {
    const result = await runInFitWorker(job);
    longestGap = Math.max(longestGap, performance.now() - last);
    return { result, longestGap };
  } finally {
    clearInterval(ticker);
  }
}

describe('fit jobs on a worker thread', () => {
  it('fits the CDNOW sample exactly as this thread does, to the last bit, and moves the columns there rather than copying them', async () => {
    const purchases = loadCdnowPurchases();
    const here = runFitJob({ kind: 'fit', summaries: buildSummaries(purchases, calibrationEnd, 'week'), options: { unit: 'week', model: 'all', penalty: 0 } });
    const summaries = buildSummaries(purchases, calibrationEnd, 'week');
    const there = await runInFitWorker({ kind: 'fit', summaries, options: { unit: 'week', model: 'all', penalty: 0 } });
    expect(there.map((fit) => fit.model)).toEqual(['bgnbd', 'paretonbd', 'gammagamma']);
    for (const [index, fit] of there.entries()) {
      for (const [name, value] of Object.entries(fit.params)) expect(Object.is(value, here[index].params[name]), `${fit.model} ${name}`).toBe(true);
    }
    expect(there).toStrictEqual(here);
    // transferred: the buffers now belong to the worker, which is gone
    expect(summaries.frequency.length).toBe(0);
    expect(summaries.age.length).toBe(0);
  });

  it('predicts every CDNOW customer exactly as this thread does', async () => {
    const purchases = loadCdnowPurchases();
    const here = runFitJob({ kind: 'predict', purchases: copyOf(purchases), summaries: buildSummaries(purchases, calibrationEnd, 'week'), options: predictOptions });
    const there = await runInFitWorker({ kind: 'predict', purchases: copyOf(purchases), summaries: buildSummaries(purchases, calibrationEnd, 'week'), options: predictOptions });
    expect(there.customers).toBe(2357);
    expect(there).toStrictEqual(here);
  });

  it('rejects with the job\'s own AppError, code, message and details, when the fit refuses', async () => {
    // one customer, three purchase days: neither purchase model converges
    const purchases = { customerIndex: new Float64Array([1, 1, 1]), day: new Int32Array([dayNumberOf('2026-01-10'), dayNumberOf('2026-03-12'), dayNumberOf('2026-05-20')]), amount: new Float64Array([50, 70, 60]) };
    const asOfDay = dayNumberOf('2026-06-30');
    const job = (): FitJob => ({ kind: 'predict', purchases: copyOf(purchases), summaries: buildSummaries(purchases, asOfDay, 'week'), options: { ...predictOptions, asOfDay } });
    let refusal: unknown;
    try {
      runFitJob(job());
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const attempt = runInFitWorker(job());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const { code, message, details } = refusal as AppError;
    await expect(attempt).rejects.toMatchObject({ code: 'MODEL_FIT_NOT_CONVERGED', message, details });
    expect(code).toBe('MODEL_FIT_NOT_CONVERGED');
  });

  it('rejects with what went wrong when the job fails otherwise, rather than waiting for an answer', async () => {
    const broken = { kind: 'fit', summaries: { count: 3, unit: 'week', calibrationEnd: 10 }, options: { unit: 'week', model: 'bgnbd', penalty: 0 } } as unknown as FitJob;
    await expect(runInFitWorker(broken)).rejects.toThrow(/^The model fit worker failed: TypeError/);
  });

  it('keeps this thread\'s event loop turning while the worker validates all three models on 19,000 customers', async () => {
    // Pareto/NBD purchases over three years, in days: the fits and the per-customer holdout expectations take over a second
    const purchases = simulatePurchaseColumns(createRandom(3), { model: 'paretonbd', params: { r: 0.55, alpha: 73.5, s: 0.6, beta: 81.9 } }, {
      customers: 19_000, firstDay: 0, acquisitionDays: 365, endDay: 1095, spend: { p: 6, q: 3.7, gamma: 15 },
    });
    const job = (): FitJob => {
      const summaries = buildSummaries(purchases, 900, 'day');
      return { kind: 'validate', purchases: copyOf(purchases), summaries, actual: countHoldoutPurchases(purchases, summaries, 1095), options: { holdoutDay: 1095, horizon: 195, unit: 'day', model: 'all', penalty: 0 } };
    };
    const here = runHere(job());
    const there = await runOnWorkerTicking(job());
    expect(there.result).toStrictEqual(here.result);
    // on this thread the job held the event loop for all of `here.millis`; on the worker the loop kept turning
    expect(there.longestGap).toBeLessThan(here.millis / 4);
  }, 300_000);
});

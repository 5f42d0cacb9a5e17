/**
 * Fit time of the customer-value models on simulated data (seeded), single
 * process, best of several runs (the machine is shared: other jobs only add time).
 * Run: npx tsx bench/models.ts [--skip-reference] [--repeats N]
 * Reference: lifetimes 0.11 (Python) BG/NBD — 100k customers 0.9 s, 1M 6.6 s (median, same kind of machine).
 * Baseline printed beside each figure: the time to sum the purchase-day column in the same run.
 */
import { createBgNbdLogLikelihood, fitBgNbd, type BgNbdParams } from '../src/models/bg-nbd.js';
import { compressCustomerSummaries, compressSpend, compressSummaries } from '../src/models/compress.js';
import { fitGammaGamma } from '../src/models/gamma-gamma.js';
import { minimiseNelderMead } from '../src/models/nelder-mead.js';
import { fitParetoNbd } from '../src/models/pareto-nbd.js';
import { createRandom } from '../src/models/random.js';
import { simulatePurchaseColumns, simulateSummaries } from '../src/models/simulate.js';
import { buildSummaries } from '../src/models/summaries.js';
import { formatParams, formatSeconds, median, timeBestOf, timeColumnSum } from './lib/models-timing.js';
import { toUncompressedRows } from './lib/models-uncompressed.js';

const sizes = [10_000, 100_000, 1_000_000];
const lifetimesReference: Record<number, string> = { 100_000: '0.9 s', 1_000_000: '6.6 s' };
const skipReference = process.argv.includes('--skip-reference');
const repeatsArgument = process.argv.indexOf('--repeats');
const repeatsFor = (customers: number): number => (repeatsArgument > 0 ? Number(process.argv[repeatsArgument + 1]) : customers >= 1_000_000 ? 5 : 7);
const spread = (all: number[]): string => `median ${formatSeconds(median(all))}, slowest ${formatSeconds(Math.max(...all))}`;
const laps = (record: Record<string, number>): string =>
  Object.entries(record)
    .map(([label, seconds]) => `${label} ${formatSeconds(seconds)}`)
    .join(', ');

// per-day parameters: a customer buys every ~45 days on average and ~1 in 8 leave after a purchase
const bgNbdTruth: BgNbdParams = { r: 0.9, alpha: 40, a: 1, b: 7 };
const spendTruth = { p: 6, q: 3.7, gamma: 15 };

console.log('BG/NBD — purchase days → summaries → compression → fit (units: days)');
for (const customers of sizes) {
  const purchases = simulatePurchaseColumns(createRandom(customers), { model: 'bgnbd', params: bgNbdTruth }, { customers, firstDay: 0, acquisitionDays: 365, endDay: 1095, spend: spendTruth });
  const repeats = repeatsFor(customers);
  const baseline = timeColumnSum(purchases.day, repeats);
  const timing = timeBestOf(repeats, (lap) => {
    const summaries = buildSummaries(purchases, 1095, 'day');
    lap('summaries');
    const compressed = compressCustomerSummaries(summaries);
    lap('compression');
    const fit = fitBgNbd(compressed);
    lap('fit');
    return { summaries, compressed, fit };
  });
  const { summaries, compressed, fit } = timing.result;
  console.log(
    `  ${customers.toLocaleString('en')} customers, ${purchases.day.length.toLocaleString('en')} purchase rows, ${compressed.rows.toLocaleString('en')} distinct rows: ` +
      `${formatSeconds(timing.seconds)} best of ${repeats} (${laps(timing.laps)}; ${spread(timing.all)}) — ` +
      `baseline: sum of the day column ${formatSeconds(baseline)}; lifetimes 0.11: ${lifetimesReference[customers] ?? 'n/a'}`,
  );
  console.log(`    fitted ${formatParams(fit.params)} — ${fit.iterations} iterations, |g| ${fit.gradientNorm.toExponential(1)}, converged ${fit.converged}: ${fit.message}`);
  if (customers === 1_000_000 && !skipReference) {
    // independent check: gradient-free Nelder-Mead on one row per customer (no compression, no BFGS, no coarse start), tight tolerance
    const reference = timeBestOf(1, () => {
      const logLikelihood = createBgNbdLogLikelihood(toUncompressedRows(summaries));
      const objective = (logParams: Float64Array): number => -logLikelihood(logParams.map(Math.exp), null) / customers;
      return minimiseNelderMead(objective, [0, Math.log(100), 0, 0], { tolerance: 1e-15, restarts: 3 });
    });
    const [r, alpha, a, b] = reference.result.point.map(Math.exp);
    const agree = [fit.params.r / r, fit.params.alpha / alpha, fit.params.a / a, fit.params.b / b].every((ratio) => Math.abs(ratio - 1) < 5e-5);
    console.log(`    reference (Nelder-Mead, uncompressed, ${reference.result.evaluations} evaluations, ${formatSeconds(reference.seconds)}): ${formatParams({ r, alpha, a, b })} — agree to 4 significant digits: ${agree}`);
  }
}

console.log('Pareto/NBD — compressed summaries → fit (units: weeks)');
for (const customers of sizes) {
  const data = simulateSummaries(createRandom(customers + 1), { model: 'paretonbd', params: { r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 } }, { customers, minAge: 27, maxAge: 39 });
  // week-rounded times, as summaries from purchase days are
  for (const column of [data.recency, data.age]) for (let i = 0; i < column.length; i++) column[i] = Math.round(column[i] * 7) / 7;
  const repeats = Math.min(repeatsFor(customers), 3);
  const timing = timeBestOf(repeats, (lap) => {
    const compressed = compressSummaries(data);
    lap('compression');
    const fit = fitParetoNbd(compressed);
    lap('fit');
    return { compressed, fit };
  });
  const { compressed, fit } = timing.result;
  console.log(
    `  ${customers.toLocaleString('en')} customers: ${formatSeconds(timing.seconds)} best of ${repeats} (${laps(timing.laps)}; ${spread(timing.all)}; ${compressed.rows.toLocaleString('en')} distinct rows; ` +
      `${fit.iterations} iterations, converged ${fit.converged}) ${formatParams(fit.params)}`,
  );
}

console.log('Gamma-Gamma — customers with x > 0 → compression → fit');
for (const customers of sizes) {
  const data = simulateSummaries(createRandom(customers + 2), { model: 'bgnbd', params: { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 } }, { customers, minAge: 27, maxAge: 39, spend: spendTruth });
  const repeats = repeatsFor(customers);
  const timing = timeBestOf(repeats, (lap) => {
    const compressed = compressSpend(data);
    lap('compression');
    const fit = fitGammaGamma(compressed);
    lap('fit');
    return { compressed, fit };
  });
  const { compressed, fit } = timing.result;
  console.log(
    `  ${customers.toLocaleString('en')} customers (${compressed.totalWeight.toLocaleString('en')} with x > 0): ${formatSeconds(timing.seconds)} best of ${repeats} (${laps(timing.laps)}; ${spread(timing.all)}; ` +
      `${fit.iterations} iterations, converged ${fit.converged}) ${formatParams(fit.params)}`,
  );
}

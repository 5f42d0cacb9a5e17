/**
 * Fit time of the customer-value models on simulated data (seeded), single
 * process. Run: npx tsx bench/models.ts [--skip-reference]
 * Baseline: lifetimes 0.11 (Python) BG/NBD — 100k customers 0.9 s, 1M 6.6 s (median).
 */
import { performance } from 'node:perf_hooks';
import { createBgNbdLogLikelihood, fitBgNbd, type BgNbdParams } from '../src/models/bg-nbd.js';
import { compressSpend, compressSummaries } from '../src/models/compress.js';
import { fitGammaGamma } from '../src/models/gamma-gamma.js';
import { minimiseNelderMead } from '../src/models/nelder-mead.js';
import { fitParetoNbd } from '../src/models/pareto-nbd.js';
import { createRandom } from '../src/models/random.js';
import { simulatePurchaseColumns, simulateSummaries } from '../src/models/simulate.js';
import { buildSummaries } from '../src/models/summaries.js';
import { toUncompressedRows } from './lib/models-uncompressed.js';

const sizes = [10_000, 100_000, 1_000_000];
const reference: Record<number, string> = { 100_000: '0.9 s', 1_000_000: '6.6 s' };
const skipReference = process.argv.includes('--skip-reference');
const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(2)} s`;
const format = (params: Record<string, number>): string => Object.entries(params).map(([name, value]) => `${name}=${value.toPrecision(6)}`).join(' ');

// per-day parameters: a customer buys every ~45 days on average and ~1 in 8 leave after a purchase
const bgNbdTruth: BgNbdParams = { r: 0.9, alpha: 40, a: 1, b: 7 };
const spendTruth = { p: 6, q: 3.7, gamma: 15 };

console.log('BG/NBD — purchase days → summaries → compression → fit (units: days)');
for (const customers of sizes) {
  const purchases = simulatePurchaseColumns(createRandom(customers), { model: 'bgnbd', params: bgNbdTruth }, { customers, firstDay: 0, acquisitionDays: 365, endDay: 1095, spend: spendTruth });
  const start = performance.now();
  const summaries = buildSummaries(purchases, 1095, 'day');
  const summariesTime = seconds(start);
  const compressed = compressSummaries(summaries);
  const fit = fitBgNbd(compressed);
  const total = seconds(start);
  console.log(
    `  ${customers.toLocaleString('en')} customers, ${purchases.day.length.toLocaleString('en')} purchase rows: ${total} (summaries ${summariesTime}; ${compressed.rows.toLocaleString('en')} distinct rows; ${fit.iterations} iterations, |g| ${fit.gradientNorm.toExponential(1)}) — lifetimes 0.11: ${reference[customers] ?? 'n/a'}`,
  );
  console.log(`    fitted ${format(fit.params)}`);
  if (customers === 1_000_000 && !skipReference) {
    // independent check: gradient-free Nelder-Mead on one row per customer, tight tolerance
    const referenceStart = performance.now();
    const logLikelihood = createBgNbdLogLikelihood(toUncompressedRows(summaries));
    const objective = (logParams: Float64Array): number => -logLikelihood(logParams.map(Math.exp), null) / customers;
    const result = minimiseNelderMead(objective, [0, Math.log(100), 0, 0], { tolerance: 1e-15, restarts: 3 });
    const [r, alpha, a, b] = result.point.map(Math.exp);
    const agree = [fit.params.r / r, fit.params.alpha / alpha, fit.params.a / a, fit.params.b / b].every((ratio) => Math.abs(ratio - 1) < 5e-5);
    console.log(`    reference (Nelder-Mead, uncompressed, ${result.evaluations} evaluations, ${seconds(referenceStart)}): ${format({ r, alpha, a, b })} — agree to 4 significant digits: ${agree}`);
  }
}

console.log('Pareto/NBD — compressed summaries → fit (units: weeks)');
for (const customers of sizes) {
  const data = simulateSummaries(createRandom(customers + 1), { model: 'paretonbd', params: { r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 } }, { customers, minAge: 27, maxAge: 39 });
  // week-rounded times, as summaries from purchase days are
  for (const column of [data.recency, data.age]) for (let i = 0; i < column.length; i++) column[i] = Math.round(column[i] * 7) / 7;
  const start = performance.now();
  const compressed = compressSummaries(data);
  const fit = fitParetoNbd(compressed);
  console.log(`  ${customers.toLocaleString('en')} customers: ${seconds(start)} (${compressed.rows.toLocaleString('en')} distinct rows; ${fit.iterations} iterations, converged ${fit.converged}) ${format(fit.params)}`);
}

console.log('Gamma-Gamma — customers with x > 0 → fit');
for (const customers of sizes) {
  const data = simulateSummaries(createRandom(customers + 2), { model: 'bgnbd', params: { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 } }, { customers, minAge: 27, maxAge: 39, spend: spendTruth });
  const start = performance.now();
  const compressed = compressSpend(data);
  const fit = fitGammaGamma(compressed);
  console.log(`  ${customers.toLocaleString('en')} customers (${compressed.totalWeight.toLocaleString('en')} with x > 0): ${seconds(start)} (${fit.iterations} iterations, converged ${fit.converged}) ${format(fit.params)}`);
}

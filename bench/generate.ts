/**
 * Writes a synthetic store's CSV files and reports the speed.
 *   npx tsx bench/generate.ts --customers 100000 --orders 1000000 --seed 42 --out bench/out/100k
 * Options: --end-date 2026-01-01 (default: today), --years 3, --leads-ratio 0.2, --no-truth, --workers 2.
 * The baseline printed beside each run is the first measurement, taken while the
 * 2-core machine was shared (load average ~16): 100k customers / 994k orders,
 * 2 workers, 99 s wall, 26 s user CPU, 437 MB peak RSS. Re-measure on an idle machine.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { writeStoreFiles } from '../src/synthetic/index.js';

// measured when this script landed (see above): a contended machine, so a floor rather than a target
const baselineOrdersPerSecond = 10_000;

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    orders: { type: 'string' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'bench/out/synthetic' },
    'end-date': { type: 'string' },
    years: { type: 'string', default: '3' },
    'leads-ratio': { type: 'string', default: '0.2' },
    'no-truth': { type: 'boolean', default: false },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
  },
});

const customers = Number(values.customers);
const targetOrders = values.orders === undefined ? undefined : Number(values.orders);
const endDate = values['end-date'] ? new Date(values['end-date']) : new Date();
const started = performance.now();
const summary = await writeStoreFiles(values.out, {
  seed: Number(values.seed), customers, targetOrders, endDate,
  years: Number(values.years), leadsRatio: Number(values['leads-ratio']), includeTruth: !values['no-truth'], workers: Number(values.workers),
}, (progress) => {
  process.stderr.write(`\r${progress.people}/${progress.totalPeople} people, ${progress.orders} orders`);
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');
const ordersPerSecond = Math.round(summary.orders / seconds);
const deviation = targetOrders ? ((summary.orders - targetOrders) / targetOrders) * 100 : 0;
console.log(JSON.stringify({
  ...summary, seconds: Number(seconds.toFixed(2)), ordersPerSecond, baselineOrdersPerSecond,
  targetOrders, deviationPercent: Number(deviation.toFixed(2)), peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
}, null, 2));

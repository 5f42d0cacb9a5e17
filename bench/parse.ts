/**
 * Parse benchmark: how fast parseFile turns the seeded synthetic files into canonical rows,
 * with no database, beside two baselines measured in the same run on the same files:
 *   - read + split: raw bytes/s of reading the file in 64 KB chunks and finding every newline;
 *   - tokenise: readRecords alone (CSV tokenizer, UTF-8 check, field decoding, header mapping).
 * The machine may be shared, so every figure is the best of several repetitions; a digest of
 * the canonical output proves a faster parser still produces the same rows and rejects.
 *
 *   npx tsx bench/parse.ts                  (20,000 customers / 200,000 orders, 5 repetitions)
 *   BENCH_SIZE=10000:100000 BENCH_REPEAT=9 npx tsx bench/parse.ts
 *   BENCH_DATA_DIR=/tmp/clientele-parse-bench (default)
 *
 * Target: ≥ 200,000 order rows/s and ≥ 50,000 customer rows/s on one core, so that parsing
 * stays a quarter of the 50,000 orders/s the whole embedded import must reach.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { knownCurrencyCodes } from '../src/core/money.js';
import type { ImportEntity, IngestContext } from '../src/ingest/canonical.js';
import { readRecords } from '../src/ingest/readers/read-records.js';
import { parseFile } from '../src/ingest/rows/parse-file.js';
import { syntheticFiles } from './lib/synthetic-files.js';

process.env.BENCH_DATA_DIR ??= '/tmp/clientele-parse-bench';
const [customerCount, orderCount] = (process.env.BENCH_SIZE ?? '20000:200000').split(':').map(Number);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 5));
const entities = (process.env.BENCH_ENTITIES ?? 'customers,orders,lines,events').split(',') as ImportEntity[];

// The synthetic store: a chain in Indonesia selling in rupiah, as the demo store is configured.
const context: IngestContext = {
  currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta', now: new Date('2026-11-01T00:00:00Z'), source: 'demo', knownCurrencies: knownCurrencyCodes,
};

async function readAndSplit(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    const bytes = chunk as Buffer;
    for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) lines += 1;
  }
  return lines;
}

async function tokenise(path: string): Promise<number> {
  let records = 0;
  for await (const item of await readRecords(path)) if (item.kind === 'record') records += 1;
  return records;
}

let rejected = 0;

async function parse(entity: ImportEntity, path: string, digest?: ReturnType<typeof createHash>): Promise<number> {
  let count = 0;
  rejected = 0;
  for await (const batch of parseFile(entity, path, { context })) {
    count += batch.rows.length + batch.rejects.length;
    rejected += batch.rejects.length;
    if (digest) digest.update(JSON.stringify(batch.rows)).update(JSON.stringify(batch.rejects));
  }
  return count;
}

/**
 * Best (shortest) of `repeat` runs after one warm-up run that also counts. Wall time and the
 * process's CPU time are both kept: on a busy machine CPU time is the steadier of the two.
 */
async function best(run: () => Promise<number>): Promise<{ count: number; seconds: number; cpuSeconds: number }> {
  const count = await run();
  let seconds = Infinity;
  let cpuSeconds = Infinity;
  for (let index = 0; index < repeat; index++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpu);
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
    cpuSeconds = Math.min(cpuSeconds, (used.user + used.system) / 1e6);
  }
  return { count, seconds, cpuSeconds };
}

const directory = await syntheticFiles(customerCount, orderCount);
const results: Array<Record<string, unknown>> = [];
for (const entity of entities) {
  const path = join(directory, `${entity}.csv`);
  const megabytes = statSync(path).size / 1e6;
  const split = await best(() => readAndSplit(path));
  const tokens = await best(() => tokenise(path));
  const parsed = await best(() => parse(entity, path));
  const digest = createHash('sha256');
  await parse(entity, path, digest);
  results.push({
    entity,
    rows: parsed.count,
    rejected,
    MB: Number(megabytes.toFixed(1)),
    'read+split MB/s (baseline)': `${Math.round(megabytes / split.seconds)} (cpu ${Math.round(megabytes / split.cpuSeconds)})`,
    'tokenise MB/s': `${Math.round(megabytes / tokens.seconds)} (cpu ${Math.round(megabytes / tokens.cpuSeconds)})`,
    'parse MB/s': `${Math.round(megabytes / parsed.seconds)} (cpu ${Math.round(megabytes / parsed.cpuSeconds)})`,
    'parse rows/s': `${Math.round(parsed.count / parsed.seconds)} (cpu ${Math.round(parsed.count / parsed.cpuSeconds)})`,
    'output sha256': digest.digest('hex').slice(0, 16),
  });
  process.stderr.write(`${entity}: ${Math.round(parsed.count / parsed.seconds).toLocaleString('en')} rows/s\n`);
}
console.table(results);
console.log(`best of ${repeat} after a warm-up, wall clock (and per CPU second); targets: orders ≥ 200,000 rows/s, customers ≥ 50,000 rows/s; tokenise close to read+split`);

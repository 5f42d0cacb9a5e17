import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeStoreFiles } from '../../src/synthetic/index.js';

/** Generates (once, then reuses) the seeded synthetic store files for a benchmark size. */
export async function syntheticFiles(customers: number, orders: number, seed = 42): Promise<string> {
  const directory = join(process.env.BENCH_DATA_DIR ?? '/tmp/clientele-bench', `${customers}-${orders}-${seed}`);
  if (!existsSync(join(directory, 'events.csv'))) {
    process.stderr.write(`generating ${customers.toLocaleString('en')} customers / ${orders.toLocaleString('en')} orders into ${directory}…\n`);
    await writeStoreFiles(directory, { seed, customers, targetOrders: orders, endDate: new Date('2026-11-01T00:00:00Z'), years: 3, includeTruth: true });
  }
  return directory;
}

import type { Command } from 'commander';
import { demoDatasets } from '../../demo/datasets.js';
import { loadDatasetDemo, loadSyntheticDemo } from '../../demo/load-demo.js';
import type { ImportSummary } from '../../ingest/import-file.service.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { withExamples } from '../examples.js';

export function registerDemoCommand(program: Command, runtime: CliRuntime): void {
  const demo = program.command('demo').description('load demo data into an empty store');
  demo.command('list').description('data sets you can load').action(() => {
    const list = [{ name: 'synthetic', description: 'Roti & Kopi Nusantara: a seeded synthetic coffee-and-bakery chain up to today (shops, web, app, marketplace)' }, ...demoDatasets.map(({ name, description }) => ({ name, description }))];
    runtime.print(list, (rows) => table(rows));
  });
  withExamples(demo.command('load').description('load the synthetic demo store or a bundled public data set into an empty store')
    .argument('<name>', `synthetic | ${demoDatasets.map((d) => d.name).join(' | ')}`)
    .option('--customers <n>', 'size of the synthetic store', (v) => Number(v), 3000)
    .option('--seed <n>', 'seed of the synthetic store', (v) => Number(v), 20261124), [
    ['clientele demo load synthetic --customers 20000 --seed 7', 'a bigger coffee-and-bakery chain'],
    ['clientele demo load cdnow --db ./cdnow', 'a real data set in its own store; reports run as of its last day'],
  ])
    .action(async (name: string, options: { customers: number; seed: number }) => {
      const result = await runtime.withStore(({ db, actor, clock }) =>
        name === 'synthetic' ? loadSyntheticDemo(db, { customers: options.customers, seed: options.seed, clock, actor }) : loadDatasetDemo(db, name, { actor }), { bulk: true });
      // rows are not orders (an order of several line rows counts once): the orders inserted beside them, where a file has orders
      const rowsOf = (i: ImportSummary) => ({ entity: i.entity, read: i.read, inserted: i.inserted, rejected: i.rejected, 'orders inserted': i.orders?.inserted ?? null });
      runtime.print(result, (r) => `Loaded ${r.name} in ${r.seconds.toFixed(1)} s:\n${table(r.imports.map(rowsOf))}${r.notes.map((note: string) => `\n${note}`).join('')}`);
    });
}

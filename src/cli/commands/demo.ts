import type { Command } from 'commander';
import { demoDatasets, standardSyntheticCustomers } from '../../demo/datasets.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';

/** The loading, loaded when `demo load` runs: it needs the store, the importer and the synthetic store's generator. */
const run = () => import('./demo-run.js');

export type DemoLoadOptions = { customers: number; seed: number; rejects?: string };

/** The synthetic demo's sizes, for `demo load --customers` and `serve --demo-customers` alike: its range and the size it has unasked. */
export const demoCustomers = { max: 10_000_000, standard: standardSyntheticCustomers } as const;
export const demoCustomersRange = `1 to ${demoCustomers.max.toLocaleString('en')}`;
export const demoCustomersValue = (example: string) => wholeNumberIn(1, demoCustomers.max, example);

export function registerDemoCommand(program: Command, runtime: CliRuntime): void {
  const demo = program.command('demo').description('load demo data into an empty store');
  withExamples(demo.command('list').description('data sets you can load'), [
    ['clientele demo list', 'the names `demo load` takes, with what each store holds'],
  ]).action(() => {
    const list = [{ name: 'synthetic', description: 'Roti & Kopi Nusantara: a seeded synthetic coffee-and-bakery chain up to today (shops, web, app, marketplace)' }, ...demoDatasets.map(({ name, description }) => ({ name, description }))];
    runtime.print(list, (rows) => table(rows));
  });
  withExamples(demo.command('load').description('load the synthetic demo store or a bundled public data set into an empty store')
    .argument('<name>', `synthetic | ${demoDatasets.map((d) => d.name).join(' | ')}`)
    .option('--customers <n>', `size of the synthetic store (${demoCustomersRange})`, demoCustomersValue('--customers 20000'), demoCustomers.standard)
    .option('--seed <n>', 'seed of the synthetic store (0 to 2,147,483,647)', wholeNumberIn(0, 2_147_483_647, '--seed 7'), 20261124)
    .option('--rejects <directory>', 'a public data set: write the rows it did not load to <directory>/<file>.rejects.csv'), [
    ['clientele demo load synthetic --customers 20000 --seed 7', 'a bigger coffee-and-bakery chain'],
    ['clientele demo load cdnow --db ./cdnow', 'a real data set in its own store; reports run as of its last day'],
    ['clientele demo load online-retail --db ./uci --rejects ./uci-rejects', 'also lists each row it did not load, with its line and reason'],
  ])
    .addHelpText('after', '\nRows a public data set is known to hold wrong (its README says so, e.g. UCI\'s sales without a customer) are left\n'
      + 'out and named, and the load exits 0: it is complete. Any other row rejected exits 2, as `clientele import` does.\n'
      + '\nA PostgreSQL database (--db postgres://…, DATABASE_URL) with no tables yet is migrated first, as a new directory\n'
      + 'is (other commands leave a server\'s schema to `clientele migrate`); one holding an older Clientele schema is refused\n'
      + 'until `clientele migrate` has run.')
    .action(async (name: string, options: DemoLoadOptions) => (await run()).runDemoLoad(runtime, name, options));
}

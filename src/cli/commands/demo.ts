import { basename } from 'node:path';
import type { Command } from 'commander';
import { demoDatasets } from '../../demo/datasets.js';
import { loadDatasetDemo, loadSyntheticDemo, type DemoImport } from '../../demo/load-demo.js';
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
    .option('--seed <n>', 'seed of the synthetic store', (v) => Number(v), 20261124)
    .option('--rejects <directory>', 'a public data set: write the rows it did not load to <directory>/<file>.rejects.csv'), [
    ['clientele demo load synthetic --customers 20000 --seed 7', 'a bigger coffee-and-bakery chain'],
    ['clientele demo load cdnow --db ./cdnow', 'a real data set in its own store; reports run as of its last day'],
    ['clientele demo load online-retail --db ./uci --rejects ./uci-rejects', 'also lists each row it did not load, with its line and reason'],
  ])
    .action(async (name: string, options: { customers: number; seed: number; rejects?: string }) => {
      const result = await runtime.withStore(({ db, actor, clock }) =>
        name === 'synthetic'
          ? loadSyntheticDemo(db, { customers: options.customers, seed: options.seed, clock, actor })
          : loadDatasetDemo(db, name, { actor, rejectsDirectory: options.rejects ?? null }), { bulk: true });
      // rows are not orders (an order of several line rows counts once): the orders inserted beside them, where a file has orders
      const rowsOf = (i: DemoImport) => ({ entity: i.entity, read: i.read, inserted: i.inserted, rejected: i.rejected, 'orders inserted': i.orders?.inserted ?? null });
      runtime.print(result, (r) => [
        `Loaded ${r.name} in ${r.seconds.toFixed(1)} s:\n${table(r.imports.map(rowsOf))}`,
        ...r.imports.flatMap((i: DemoImport) => describeRejectedRows(i, name === 'synthetic')),
        ...r.notes,
      ].join('\n'));
    });
}

const count = (n: number) => n.toLocaleString('en');

/** What a file's load left out, by reason, and where its rows are listed (or why they are not). */
function describeRejectedRows(summary: DemoImport, isGenerated: boolean): string[] {
  if (summary.rejected === 0) return [];
  const lines = [`Not loaded from ${basename(summary.file)}: ${count(summary.rejected)} row${summary.rejected === 1 ? '' : 's'}`];
  const width = Math.max(...summary.rejectedRows.map((group) => count(group.rows).length));
  for (const group of summary.rejectedRows) {
    lines.push(`  ${count(group.rows).padStart(width)}  ${group.code}: ${group.why}${group.isExpected ? '' : ' (not expected from this data set: please report it)'}`);
  }
  if (summary.rejectsFile) lines.push(`  Each row, with its line and reason: ${summary.rejectsFile}`);
  else if (isGenerated) lines.push('  The generated files are removed after the load, so their rows are not written to a rejects file.');
  else lines.push('  No rejects file by default (the data set lives in the product\'s folder): add --rejects <directory> to list each row with its line and reason.');
  return lines;
}

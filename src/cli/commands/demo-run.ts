import { basename } from 'node:path';
import { loadDatasetDemo, loadSyntheticDemo, type DemoImport } from '../../demo/load-demo.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import type { DemoLoadOptions } from './demo.js';

export async function runDemoLoad(runtime: CliRuntime, name: string, options: DemoLoadOptions): Promise<void> {
  const result = await runtime.withStore(({ db, actor, clock }) =>
    name === 'synthetic'
      ? loadSyntheticDemo(db, { customers: options.customers, seed: options.seed, clock, actor })
      : loadDatasetDemo(db, name, { actor, rejectsDirectory: options.rejects ?? null }), { bulk: true });
  // every row read is inserted, updated, unchanged or rejected, as `clientele import` says: a file that
  // names a customer twice updates the first row, and those rows were missing from the sum.
  // Rows are not orders (an order of several line rows counts once): the orders inserted beside them, where a file has orders
  const rowsOf = (i: DemoImport) => ({
    entity: i.entity, read: i.read, inserted: i.inserted, updated: i.updated, unchanged: i.unchanged, rejected: i.rejected, 'orders inserted': i.orders?.inserted ?? null,
  });
  runtime.print(result, (r) => [
    `Loaded ${r.name} in ${r.seconds.toFixed(1)} s:\n${table(r.imports.map(rowsOf))}`,
    ...r.imports.flatMap((i: DemoImport) => describeRejectedRows(i, name === 'synthetic')),
    ...r.notes,
  ].join('\n'));
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

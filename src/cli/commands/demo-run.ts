import { basename } from 'node:path';
import { loadDatasetDemo, loadSyntheticDemo, type DemoImport, type ReplacedSettings } from '../../demo/load-demo.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { ratesClearedText } from './settings-run.js';
import type { DemoLoadOptions } from './demo.js';
import type { StoreSessionOptions } from '../store-session.js';

/**
 * A demo load makes a new store: into a server database with nothing in it yet it migrates it first,
 * as a new directory is (a database holding an older Clientele's schema still asks for `clientele migrate`).
 * CliRuntime.withStore passes these on to the session.
 */
const demoStoreOptions: StoreSessionOptions = { bulk: true, migrateEmptyServer: true };

export async function runDemoLoad(runtime: CliRuntime, name: string, options: DemoLoadOptions): Promise<void> {
  const loaded = await runtime.withStore(async ({ db, actor, clock, runtime: opened }) => {
    const demo = name === 'synthetic'
      ? await loadSyntheticDemo(db, { customers: options.customers, seed: options.seed, clock, actor })
      : await loadDatasetDemo(db, name, { actor, rejectsDirectory: options.rejects ?? null });
    return { demo, isNewStore: opened.isNewStore };
  }, demoStoreOptions);
  // a store this command created had only the defaults, which nobody chose: the demo replaced nothing of
  // anyone's, and the new store's notice (stderr) gives the settings it now has
  const result = loaded.isNewStore ? { ...loaded.demo, replacedSettings: {} } : loaded.demo;
  // every row read is inserted, updated, unchanged or rejected, as `clientele import` says: a file that
  // names a customer twice updates the first row, and those rows were missing from the sum.
  // Rows are not orders (an order of several line rows counts once): the orders inserted beside them, where a file has orders
  const rowsOf = (i: DemoImport) => ({
    entity: i.entity, read: i.read, inserted: i.inserted, updated: i.updated, unchanged: i.unchanged, rejected: i.rejected, 'orders inserted': i.orders?.inserted ?? null,
  });
  const rejects = judgeRejectedRows(result.imports);
  if (rejects.isDataError) runtime.markDataErrors();
  runtime.print(result, (r) => [
    `Loaded ${r.name} in ${r.seconds.toFixed(1)} s:\n${table(r.imports.map(rowsOf))}`,
    ...r.imports.flatMap((i: DemoImport) => describeRejectedRows(i, name === 'synthetic')),
    ...(rejects.sentence ? [rejects.sentence] : []),
    ...r.notes,
    ...replacedSettingsLines(r.replacedSettings),
    ...(r.ratesCleared.length > 0 ? [ratesClearedText(r.ratesCleared, r.replacedSettings.currency!)] : []),
  ].join('\n'));
}

const settingLabels: Record<keyof ReplacedSettings, string> = { name: 'name', currency: 'currency', timeZone: 'time zone', defaultCountry: 'phone country' };

/** The settings the store had that the demo's replaced (audited as a settings change), said after the load. */
function replacedSettingsLines(replaced: ReplacedSettings): string[] {
  const changes = Object.entries(replaced).map(([key, change]) => `${settingLabels[key as keyof ReplacedSettings]} ${change!.from} → ${change!.to}`);
  if (changes.length === 0) return [];
  return [`Store settings replaced by the demo's (its data is in them): ${changes.join(', ')}. Recorded in the audit log.`];
}

const rowsText = (n: number) => `${count(n)} row${n === 1 ? '' : 's'}`;

/**
 * Whether a load's rejected rows are a data error, and the sentence that says so. Rows a data set is
 * documented to hold wrong (its `expectedRejects`) are its faults, not the load's: the load is
 * complete and exits 0. Any other rejected row is what `clientele import` exits 2 for, and so does
 * the load: a script must not take a data set loaded short of what it should hold for a whole one.
 */
export function judgeRejectedRows(imports: readonly Pick<DemoImport, 'rejectedRows'>[]): { isDataError: boolean; sentence: string | null } {
  const groups = imports.flatMap((summary) => summary.rejectedRows);
  const expected = groups.filter((group) => group.isExpected).reduce((sum, group) => sum + group.rows, 0);
  const unexpected = groups.filter((group) => !group.isExpected).reduce((sum, group) => sum + group.rows, 0);
  if (unexpected > 0) {
    return {
      isDataError: true,
      sentence: `${rowsText(unexpected)} rejected that the data set is not known to hold (marked above): exit code 2, as \`clientele import\` gives when rows are rejected.`,
    };
  }
  if (expected === 0) return { isDataError: false, sentence: null };
  return {
    isDataError: false,
    sentence: `${rowsText(expected)} of the data set ${expected === 1 ? 'is' : 'are'} invalid and ${expected === 1 ? 'was' : 'were'} left out: `
      + 'faults the data set is known to hold (listed above), so the load is complete.',
  };
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

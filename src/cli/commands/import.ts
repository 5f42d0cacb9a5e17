import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { AppError } from '../../core/errors.js';
import type { ImportEntity } from '../../ingest/canonical.js';
import { defaultImportBatchSize, importFile, type ImportSummary } from '../../ingest/import-file.service.js';
import { listPresets, parseMappingArguments } from '../../ingest/rows/index.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { withExamples } from '../examples.js';
import { formatColumns } from './import-columns.js';
import { formatRejectCounts } from './import-rejects.js';

const entities: ImportEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];
const collect = (value: string, previous: string[]) => [...previous, value];

// A batch is held in memory and committed as one transaction: past this, memory and lock time grow for no gain.
export const maximumImportBatchSize = 200_000;

export function parseBatchSize(value: string): number {
  const size = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > maximumImportBatchSize) {
    throw new InvalidArgumentError(`give a whole number of rows from 1 to ${maximumImportBatchSize.toLocaleString('en')}, e.g. --batch-size 5000.`);
  }
  return size;
}

export function registerImportCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program
    .command('import')
    .description('import customers, orders, lines, products or events from a CSV or JSON Lines file')
    .argument('<entity>', entities.join('|'))
    .argument('<file>', 'CSV (any delimiter, quoted fields, BOM) or JSON Lines')
    .option('--map <field=Column>', 'map a canonical field to a column of the file (repeatable)', collect, [])
    .option('--preset <name>', 'column layout of a known export (see `clientele presets`)')
    .option('--date-format <pattern>', 'e.g. dd-MM-yyyy, MM/dd/yyyy HH:mm, or dd/MM/yyyy HH:mm z (z: a zone such as UTC or America/New_York)')
    .option('--delimiter <char>', 'field delimiter; detected when omitted')
    .option('--encoding <label>', 'text encoding of the file, e.g. windows-1252, iso-8859-13, utf-16le (default utf-8, or the byte order mark\'s)')
    .option('--source <name>', 'system the file comes from; its ids are kept per source (default: the preset or "import")')
    .option('--rejects <file>', 'where to write rejected rows (default: <file>.rejects.csv)')
    .option('--batch-size <n>', `rows per transaction (1 to ${maximumImportBatchSize})`, parseBatchSize, defaultImportBatchSize), [
    ['clientele import customers customers.csv'],
    ['clientele import orders orders.csv', 'order_id,customer_id,ordered_at,amount,…'],
    ['clientele import orders orders_export.csv --preset shopify-orders'],
    ['clientele import orders sales.csv --map order_id=Invoice --map ordered_at=Date --date-format dd/MM/yyyy'],
    ['clientele import lines order_lines.csv', 'order_id,sku,quantity,unit_price,…: an order\'s lines stated whole'],
    ['clientele import events signups.jsonl', 'interest that is not a purchase: the person becomes a lead'],
  ])
    .addHelpText('after', `
Exit codes: 0 every row stored, 1 usage error (nothing read), 2 some rows rejected (see the rejects
file; the valid rows are stored), 3 failure (the store could not be reached or written).`)
    .action(async (entity: string, file: string, options: { map: string[]; preset?: string; dateFormat?: string; delimiter?: string; encoding?: string; source?: string; rejects?: string; batchSize: number }) => {
      if (!entities.includes(entity as ImportEntity)) {
        throw new AppError('IMPORT_OPTION_INVALID', `Unknown entity "${entity}". Use one of: ${entities.join(', ')}.`, { field: 'entity' });
      }
      const rejectsPath = options.rejects ?? `${file}.rejects.csv`;
      // A clean run removes the previous run's rejects file, which would otherwise read as this run's.
      const hadRejectsFile = existsSync(rejectsPath);
      const summary = await runtime.withStore(async ({ db, actor, clock }) => {
        const bar = process.stderr.isTTY && !runtime.isJson() ? new SingleBar({ format: ' {bar} {percentage}% | {read} rows | {rejected} rejected | {eta_formatted} left', stream: process.stderr }, Presets.shades_classic) : null;
        let started = false;
        try {
          return await importFile(db, {
            entity: entity as ImportEntity, file, preset: options.preset, mapping: parseMappingArguments(entity as ImportEntity, options.map),
            dateFormat: options.dateFormat, delimiter: options.delimiter, encoding: options.encoding, source: options.source, batchSize: options.batchSize,
            rejectsPath, actor, clock,
            onProgress: (progress) => {
              if (!bar) {
                // Not a terminal (a log, a pipe): one plain line per committed batch.
                if (!runtime.isJson()) process.stderr.write(`progress: ${progress.read} rows committed, ${progress.rejected} rejected, ${Math.round((100 * progress.bytesRead) / Math.max(progress.totalBytes, 1))}%\n`);
                return;
              }
              if (!started) bar.start(progress.totalBytes || 1, 0, { read: 0, rejected: 0 });
              started = true;
              bar.update(progress.bytesRead, { read: progress.read, rejected: progress.rejected });
            },
          });
        } finally {
          bar?.stop();
        }
      }, { bulk: true });
      if (summary.rejected > 0) runtime.markDataErrors();
      runtime.print(summary, (result) => {
        const text = formatSummary(result);
        return result.rejected === 0 && hadRejectsFile ? `${text}\nNo rows were rejected; the earlier ${rejectsPath} was removed.` : text;
      });
    });

  program.command('presets').description('list import presets for common exports').action(() => {
    const presets = listPresets();
    runtime.print(presets, (list) => table(list.map((p: { name: string; entity: string; description: string }) => ({ preset: p.name, entity: p.entity, description: p.description }))));
  });
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Imported ${summary.entity} from ${summary.file} in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond).toLocaleString('en')} rows/s)`,
    `  read ${summary.read} rows  inserted ${summary.inserted}  updated ${summary.updated}  unchanged ${summary.unchanged}  rejected ${summary.rejected}`,
  ];
  // rows are not orders: an export of one row per order line names fewer orders than it has rows
  const { orders } = summary;
  if (orders) lines.push(`  orders: ${orders.inserted} inserted, ${orders.updated} updated, ${orders.unchanged} unchanged, ${orders.rejected} rejected`);
  lines.push(...formatColumns(summary));
  if (summary.joinedStubs > 0) {
    lines.push(`Joined ${summary.joinedStubs} customer${summary.joinedStubs === 1 ? '' : 's'} known only from orders or events into the customers their rows describe (each a merge; undo with \`clientele customers unmerge <mergeId>\`):`);
    for (const join of summary.joinsSample.slice(0, 5)) lines.push(`  line ${join.line}: #${join.mergedCustomerIds.join(', #')} into #${join.customerId} (merge ${join.mergeIds.join(', ')})`);
  }
  lines.push(...formatRejectCounts(summary));
  if (summary.rejectsFile) lines.push(`Rejected rows were written to ${summary.rejectsFile}, each with its line and reason.`);
  return lines.join('\n');
}

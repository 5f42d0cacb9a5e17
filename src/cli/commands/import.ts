import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { OrderChannel } from '../../db/schema.js';
import type { ImportEntity } from '../../ingest/canonical.js';
import { orderChannelNames, readOrderChannel } from '../../ingest/presets/preset-channel.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { withExamples } from '../examples.js';
import { wholeNumberIn } from '../option-values.js';

/** The import's work, loaded when it runs: it needs the store, the file readers and the batch writers. */
const run = () => import('./import-run.js');

const entities: ImportEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * The importer's own default (ingest/import-file.service.ts), for the help: that module loads every
 * reader and writer, which every command's help would pay; the type makes the compiler hold this copy equal to it.
 */
const defaultImportBatchSize: typeof import('../../ingest/import-file.service.js').defaultImportBatchSize = 20_000;

// A batch is held in memory and committed as one transaction: past this, memory and lock time grow for no gain.
export const maximumImportBatchSize = 200_000;

export function parseBatchSize(value: string): number {
  const size = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > maximumImportBatchSize) {
    throw new InvalidArgumentError(`a whole number of rows from 1 to ${maximumImportBatchSize.toLocaleString('en')}, e.g. --batch-size 5000`);
  }
  return size;
}

/** `--channel`: one of the channels an order is stored with, in any case; refused naming them (usage-errors.ts names the option). */
export function parseChannel(value: string): OrderChannel {
  const channel = readOrderChannel(value);
  if (channel === null) throw new InvalidArgumentError(`one of ${orderChannelNames.join(', ')}, e.g. --channel marketplace`);
  return channel;
}

// a title of more lines than this is no title: the option is likely mistyped
export const maximumHeaderLine = 10_000;

export type ImportOptions = {
  map: string[]; preset?: string | false; dateFormat?: string; delimiter?: string; headerLine?: number; encoding?: string; source?: string; channel?: OrderChannel; rejects?: string; batchSize: number;
  consentOverridesRefusals?: boolean;
};

export function registerImportCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program
    .command('import')
    .description('import customers, orders, lines, products or events from a CSV or JSON Lines file')
    .argument('<entity>', entities.join('|'))
    .argument('<file>', 'CSV (any delimiter, quoted fields, BOM) or JSON Lines')
    .option('--map <field=Column>', 'map a canonical field to a column of the file (repeatable)', collect, [])
    .option('--preset <name>', 'column layout of a known export (see `clientele presets`)')
    .option('--no-preset', 'read a known export\'s columns by their names all the same, rather than be refused and told its preset')
    .option('--date-format <pattern>', 'e.g. dd-MM-yyyy, MM/dd/yyyy HH:mm, or dd/MM/yyyy HH:mm z (z: a zone such as UTC or America/New_York)')
    .option('--delimiter <char>', 'field delimiter; detected when omitted')
    .option('--header-line <n>', 'the line of the header, when a title, a report period or blank lines come before it (1 when omitted); rows keep their line numbers in the file',
      wholeNumberIn(1, maximumHeaderLine, '--header-line 4'))
    .option('--encoding <label>', 'text encoding of the file, e.g. windows-1252, iso-8859-13, utf-16le (default utf-8, or the byte order mark\'s)')
    .option('--source <name>', 'system the file comes from; its ids are kept per source (default: the preset or "import")')
    .option('--channel <channel>', `orders: the channel of every order whose row gives none (no channel column, or an empty one), one of ${orderChannelNames.join(', ')}; a row's own channel wins`, parseChannel)
    .option('--rejects <file>', 'where to write rejected rows (default: <file>.rejects.csv)')
    .option('--batch-size <n>', `rows per transaction (1 to ${maximumImportBatchSize})`, parseBatchSize, defaultImportBatchSize)
    .option('--consent-overrides-refusals', 'customers: the file is the consent authority, so its yes replaces a customer\'s stored no. '
      + 'Without it a refusal stands: a yes over a stored no keeps the no (counted in the summary); a no always applies, a yes over an unknown applies, an empty field changes nothing. '
      + 'Its use is recorded on the import run and in the audit log (consent.override); over the API it needs an owner, an admin or an admin key'), [
    ['clientele import customers customers.csv'],
    ['clientele import customers crm-consents.csv --consent-overrides-refusals', 'the file is the consent authority: its yes replaces a stored no'],
    ['clientele import orders orders.csv', 'order_id,customer_id,ordered_at,amount,…'],
    ['clientele import orders orders_export.csv --preset shopify-orders'],
    ['clientele import orders Order.all.csv --preset shopee-orders', 'a Shopee export: marketplace orders, buyers by username'],
    ['clientele import orders laporan-penjualan.csv --preset tokopedia-orders --header-line 4', 'a report whose header is below its title and period'],
    ['clientele import orders bukalapak.csv --channel marketplace', 'every order of a file without a channel column came through a marketplace'],
    ['clientele import orders sales.csv --map order_id=Invoice --map ordered_at=Date --date-format dd/MM/yyyy'],
    ['clientele import lines order_lines.csv', 'order_id,sku,quantity,unit_price,…: an order\'s lines stated whole'],
    ['clientele import events signups.jsonl', 'interest that is not a purchase: the person becomes a lead'],
  ])
    .addHelpText('after', `
Exit codes: 0 every row stored, 1 the import cannot be done as asked: fix the command or the file,
2 some rows rejected (see the rejects file; the valid rows are stored), 3 failure, retrying later may
help (the store could not be reached or written, or another process has it open), 130 or 143 stopped by
SIGINT (Ctrl-C) or SIGTERM after the batch being written (what was committed stays; run it again to finish).`)
    .action(async (entity: string, file: string, options: ImportOptions) => {
      if (!entities.includes(entity as ImportEntity)) {
        throw new AppError('IMPORT_OPTION_INVALID', `<entity> takes one of ${entities.join(', ')}, not "${entity.slice(0, 40)}".`, { field: '<entity>' });
      }
      await (await run()).runImport(runtime, entity as ImportEntity, file, options);
    });

  withExamples(program.command('presets').description('list import presets for common exports'), [
    ['clientele presets', 'the presets, with the entity each reads'],
    ['clientele import orders orders.csv --preset shopify-orders', 'then: import an export with one'],
  ]).action(async () => {
    const { listPresets } = await import('../../ingest/presets/index.js');
    runtime.print(listPresets(), (list) => table(list.map((p: { name: string; entity: string; description: string }) => ({ preset: p.name, entity: p.entity, description: p.description }))));
  });
}

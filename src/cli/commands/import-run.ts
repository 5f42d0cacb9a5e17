import { constants, existsSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AppError, isAppError } from '../../core/errors.js';
import { shellWord } from '../../core/shell-words.js';
import type { ImportEntity } from '../../ingest/canonical.js';
import { importFile, type ImportSummary } from '../../ingest/import-file.service.js';
import { partialRejectsPath } from '../../ingest/rejects-file.js';
import { analyzeChangedServerTablesQuietly } from '../../db/server-statistics.js';
import { maskedPhonesNote, parseMappingArguments, type Mapping } from '../../ingest/rows/index.js';
import { lacksColumnsText } from '../../ingest/rows/fields.js';
import { entityOfRefusedFile } from '../../ingest/rows/likelier-entity.js';
import type { CliRuntime } from '../runtime.js';
import { formatColumns } from './import-columns.js';
import { formatRejectCounts, withRunnableReasons } from './import-rejects.js';
import type { ImportOptions } from './import.js';
import { countNoun } from '../count-noun.js';
import { clienteleCommand } from '../store-command.js';
import { watchStopSignals, type StopSignals } from '../stop-signals.js';

/** A progress bar on a terminal; loaded only there (a log or a pipe gets plain lines). */
async function progressBarFor(runtime: CliRuntime) {
  if (!process.stderr.isTTY || runtime.isJson()) return null;
  const { SingleBar, Presets } = await import('cli-progress');
  return new SingleBar({ format: ' {bar} {percentage}% | {read} rows | {rejected} rejected | {eta_formatted} left', stream: process.stderr }, Presets.shades_classic);
}

/**
 * Refuses a file that is missing or cannot be read before the store opens: opening it would
 * first create (and migrate) an embedded store at a new --db path, for nothing.
 */
async function checkFileReadable(file: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new AppError('IMPORT_FILE_UNREADABLE', `${file} is not a file.`, { file });
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('IMPORT_FILE_NOT_FOUND', `File not found: ${file}. Check the path and that the file exists.`, { file });
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('IMPORT_FILE_UNREADABLE', `${file} cannot be read: permission denied. Check the file's permissions.`, { file });
    throw error;
  }
}

const writeReasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'the file system is read-only', ENOTDIR: 'a part of the path is a file' };

/**
 * Refuses a rejects file that cannot be written before the store opens: found at the first
 * rejected row, it failed the command after the rows before it were stored. Its directory too,
 * where the rows go to the partial file first (rejects-file.ts) even when the rejects file exists.
 */
async function checkRejectsWritable(path: string, isGiven: boolean): Promise<void> {
  const directory = dirname(resolve(path));
  let reason: string | null = null;
  try {
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (found?.isDirectory()) reason = 'it is a directory';
    else if (!found && !(await stat(directory)).isDirectory()) reason = `${directory} is not a directory`;
    else {
      if (found) await access(path, constants.W_OK);
      const refused = await access(directory, constants.W_OK).then(() => null, (error: NodeJS.ErrnoException) => writeReasons[error.code ?? ''] ?? Promise.reject(error));
      if (refused) reason = `its directory ${directory} cannot be written to (${refused}), where the rows go to ${basename(partialRejectsPath(path))} until the import completes`;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') reason = `its directory ${directory} does not exist`;
    else if (writeReasons[code]) reason = writeReasons[code];
    else throw error;
  }
  if (reason === null) return;
  const which = isGiven ? '(--rejects)' : '(the default: beside the imported file)';
  throw new AppError('CLI_FILE_UNWRITABLE', `Cannot write the rejects file ${path} ${which}: ${reason}. Nothing was imported; give --rejects a path in a directory that exists and that you may write to.`, { field: '--rejects', file: path });
}

/** Where the rejects of a run stopped part way are, so far: beside the rejects file, which is left as the last completed import wrote it. */
type StoppedRejects = { rejected: number; rejectsPath: string; hadRejectsFile: boolean };

function stoppedRejectsNote({ rejected, rejectsPath, hadRejectsFile }: StoppedRejects): string {
  if (rejected === 0) return '';
  const earlier = hadRejectsFile ? ` ${rejectsPath} still lists the rejects of the last import that completed.` : '';
  return ` This run's ${countNoun(rejected, 'row')} rejected so far ${rejected === 1 ? 'is' : 'are'} in ${partialRejectsPath(rejectsPath)}.${earlier}`;
}

/**
 * Refuses to go on once SIGINT or SIGTERM came: the rows committed so far stay. Not after the
 * file's last batch: every row is stored then and only the run's completion is left, so the run
 * completes rather than read failed and send the user to import the file again for nothing.
 */
function stopIfAsked(signals: StopSignals, progress: { read: number; isLastBatch: boolean }, rejects: StoppedRejects): void {
  const signal = signals.received();
  if (!signal || progress.isLastBatch) return;
  const rowsCommitted = progress.read;
  const message = rowsCommitted === 0
    ? `Import stopped by ${signal} before any row was stored; run the same command again to import the file.`
    : `Import stopped by ${signal} after ${rowsCommitted} rows; what was committed stays; run the same command again to finish: imports are idempotent.${stoppedRejectsNote(rejects)}`;
  const partialRejectsFile = rejects.rejected > 0 ? partialRejectsPath(rejects.rejectsPath) : null;
  throw new AppError('CLI_INTERRUPTED', message, { signal, rowsCommitted, ...(partialRejectsFile ? { partialRejectsFile } : {}) });
}

export async function runImport(runtime: CliRuntime, entity: ImportEntity, file: string, options: ImportOptions): Promise<void> {
  await checkFileReadable(file);
  const rejectsPath = options.rejects ?? `${file}.rejects.csv`;
  await checkRejectsWritable(rejectsPath, options.rejects !== undefined);
  // A clean run removes the previous run's rejects file, which would otherwise read as this run's.
  const hadRejectsFile = existsSync(rejectsPath);
  const signals = watchStopSignals('after the batch being written commits (or completing, if it is the file\'s last)');
  const imported = await runtime.withStore(async ({ db, actor, clock }) => {
    stopIfAsked(signals, { read: 0, isLastBatch: false }, { rejected: 0, rejectsPath, hadRejectsFile });
    const bar = await progressBarFor(runtime);
    let started = false;
    try {
      const mapping = parseMappingArguments(entity, options.map);
      const summary = await importFile(db, {
        entity, file, preset: options.preset || undefined, readsColumnsAsNamed: options.preset === false, mapping,
        dateFormat: options.dateFormat, delimiter: options.delimiter, headerLine: options.headerLine, encoding: options.encoding, source: options.source, channel: options.channel, batchSize: options.batchSize,
        consentOverridesRefusals: options.consentOverridesRefusals ?? false, rejectsPath, actor, clock,
        onProgress: (progress) => {
          // thrown here, between batches: the import marks its run failed, and the store closes (its lock released)
          stopIfAsked(signals, progress, { rejected: progress.rejected, rejectsPath, hadRejectsFile });
          if (!bar) {
            // Not a terminal (a log, a pipe): one plain line per committed batch.
            if (!runtime.isJson()) process.stderr.write(`progress: ${countNoun(progress.read, 'row')} committed, ${progress.rejected.toLocaleString('en')} rejected, ${Math.round((100 * progress.bytesRead) / Math.max(progress.totalBytes, 1))}%\n`);
            return;
          }
          if (!started) bar.start(progress.totalBytes || 1, 0, { read: 0, rejected: 0 });
          started = true;
          bar.update(progress.bytesRead, { read: progress.read, rejected: progress.rejected });
        },
      }).catch((error: unknown) => Promise.reject(options.preset ? error : withOtherEntityAdvice(error, entity, file, mapping)));
      // a server store's planner statistics for the rows just written (server-statistics.ts)
      await analyzeChangedServerTablesQuietly(db);
      return summary;
    } finally {
      bar?.stop();
    }
  }, { bulk: true }).finally(() => signals.dispose());
  // a signal while the file's last batch was written, or during the steps after it: the import is whole
  const summary = withRunnableReasons(imported);
  if (signals.received()) process.stderr.write(`${signals.received()} came after the file's last rows were read: the import completed instead of stopping; ${everyRowHandled(summary.rejected)}\n`);
  if (summary.rejected > 0) runtime.markDataErrors();
  runtime.print(summary, (result) => {
    const text = formatSummary(result);
    return result.rejected === 0 && hadRejectsFile ? `${text}\nNo rows were rejected; the earlier ${rejectsPath} was removed.` : text;
  });
}

/**
 * A file refused for lacking the chosen entity's columns (IMPORT_COLUMN_MISSING) whose columns are
 * clearly another entity's (a customers file imported as orders; likelier-entity.ts, the web's
 * decision too): said after the columns found, with the command to import it by, the entity in
 * the details and the hint. Not when the refusal already names a preset or a header line to import
 * it with (presets/recognise-export.ts), nor for a header read as one column (--delimiter).
 */
export function withOtherEntityAdvice(error: unknown, entity: ImportEntity, file: string, mapping: Mapping): unknown {
  if (!isAppError(error) || error.code !== 'IMPORT_COLUMN_MISSING') return error;
  const { missing, found } = error.details;
  if (!Array.isArray(missing) || !Array.isArray(found) || 'preset' in error.details || 'headerLine' in error.details) return error;
  const lacks = lacksColumnsText(entity, missing as string[], found as string[]);
  if (!error.message.startsWith(lacks)) return error;
  const other = entityOfRefusedFile(entity, found as string[], mapping);
  if (other === null) return error;
  const command = clienteleCommand(`import ${other.entity} ${shellWord(file)}`);
  const article = /^[aeiou]/.test(other.entity) ? 'an' : 'a';
  return new AppError(error.code, `${lacks} The columns look like ${article} ${other.entity} file: import it with ${command}.${error.message.slice(lacks.length)}`, {
    ...error.details, entity: other.entity, hint: `Run ${command}, or map the columns with --map field=Column.`,
  });
}

/** What an import completed despite a stop has left to do: nothing, or fixing the rows it rejected. */
function everyRowHandled(rejected: number): string {
  if (rejected === 0) return 'every row was stored; nothing to run again.';
  return `every row was read, ${rejected} ${rejected === 1 ? 'was' : 'were'} rejected and the rest stored; nothing to run again but the rejected rows, once fixed.`;
}

/**
 * The customers the file created, beside the row counts. An orders or events file makes a new
 * customer for each buyer it finds no one for, which is right the first time and a surprise when
 * the customers were imported before under another --source: said with the way to check.
 */
function formatCreatedCustomers(summary: Pick<ImportSummary, 'entity' | 'createdCustomers' | 'readsCustomerIds'>): string[] {
  if (summary.entity === 'products' || summary.entity === 'lines') return [];
  const count = summary.createdCustomers;
  const line = `  customers created: ${count}`;
  if (count === 0 || summary.entity === 'customers') return [line];
  const who = summary.entity === 'orders' ? 'buyers or gift recipients' : 'people';
  // the --source advice only where ids were read: a file of emails and phones finds people by those
  if (!summary.readsCustomerIds) return [`${line} (${who} no stored customer was found for by email, phone or external id)`];
  return [`${line} (${who} no stored customer was found for: a customer_id is looked up only among the ids imported with the same --source, so check it is the one the customers were imported with)`];
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Imported ${summary.entity} from ${summary.file} in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond).toLocaleString('en')} rows/s)`,
    `  read ${summary.read} ${summary.read === 1 ? 'row' : 'rows'}  inserted ${summary.inserted}  updated ${summary.updated}  unchanged ${summary.unchanged}  rejected ${summary.rejected}`,
  ];
  // rows are not orders: an export of one row per order line names fewer orders than it has rows
  const { orders } = summary;
  if (orders) lines.push(`  orders: ${orders.inserted} inserted, ${orders.updated} updated, ${orders.unchanged} unchanged, ${orders.rejected} rejected`);
  lines.push(...formatCreatedCustomers(summary));
  lines.push(...formatConsentRefusalsKept(summary));
  lines.push(...formatConsentRefusalsOverridden(summary));
  lines.push(...formatColumns(summary));
  const maskedPhones = maskedPhonesNote(summary.maskedPhones);
  if (maskedPhones) lines.push(`${maskedPhones}.`);
  const dates = summary.inferredDateFormat;
  if (dates) {
    const why = dates.inferredFrom === null ? 'dates written with dots are day first' : `${dates.inferredFrom} can only be ${dates.format.startsWith('d') ? 'day' : 'month'} first`;
    lines.push(`Dates (${dates.field}, column "${dates.column}") read as ${dates.format} (${why}); if that is wrong, import again with --date-format ${dates.otherOrder}`);
  }
  if (summary.joinedStubs > 0) {
    lines.push(`Joined ${summary.joinedStubs} customer${summary.joinedStubs === 1 ? '' : 's'} known only from orders or events into the customers their rows describe (each a merge; undo with \`${clienteleCommand('customers unmerge <mergeId>')}\`):`);
    for (const join of summary.joinsSample.slice(0, 5)) lines.push(`  line ${join.line}: #${join.mergedCustomerIds.join(', #')} into #${join.customerId} (merge ${join.mergeIds.join(', ')})`);
  }
  lines.push(...formatDerivedNotCurrent(summary.derivedNotCurrent));
  lines.push(...formatRejectCounts(summary));
  if (summary.rejectsFile) lines.push(`Rejected rows were written to ${summary.rejectsFile}, each with its line and reason.`);
  return lines.join('\n');
}

/** Consents a row said yes to that stayed no: a refusal stands against a file unless it is the consent authority. */
export function formatConsentRefusalsKept(summary: Pick<ImportSummary, 'consentRefusalsKept'>): string[] {
  const kept = summary.consentRefusalsKept ?? 0;
  if (kept === 0) return [];
  return [`  consent refusals kept: ${kept} (the file said yes where the customer had said no; a refusal stands against a file. `
    + `If this file is the consent authority, import it again with --consent-overrides-refusals)`];
}

/**
 * A file imported as the consent authority: how many refusals its yes replaced, and where that is kept (the
 * command line acts as the store's operator and may override, but never unrecorded).
 */
export function formatConsentRefusalsOverridden(summary: Pick<ImportSummary, 'importId' | 'consentRefusalsOverridden'>): string[] {
  if (summary.consentRefusalsOverridden == null) return [];
  return [`  consent refusals overridden: ${summary.consentRefusalsOverridden} (--consent-overrides-refusals: the file's yes replaced a customer's no; `
    + `recorded on import run ${summary.importId} and in the audit log as consent.override)`];
}

/** A win-back list read from RFM or predictions after this import would still treat these buyers as before it. */
function formatDerivedNotCurrent(made: ImportSummary['derivedNotCurrent']): string[] {
  if (!made) return [];
  const parts = [
    ...(made.rfmAnalysedOn ? [{ what: `RFM scores (analysis of ${made.rfmAnalysedOn})`, command: 'analyze' }] : []),
    ...(made.predictedOn ? [{ what: `predictions (of ${made.predictedOn})`, command: 'models predict' }] : []),
  ];
  const what = parts.map((part) => part.what).join(' and ');
  const run = parts.map((part) => `\`${clienteleCommand(part.command)}\``).join(' and ');
  return [`${what[0].toUpperCase()}${what.slice(1)} do not include these orders yet: run ${run}.`];
}

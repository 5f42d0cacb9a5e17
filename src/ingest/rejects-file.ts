import { createWriteStream, fchmodSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { toCsv, utf8ByteOrderMark } from '../core/csv.js';
import type { FieldProblem, Reject } from './canonical.js';
import { reasonNamesField } from './rows/row-problem.js';
import { readRecords, type ReaderOptions, type RecordItem } from './readers/read-records.js';

/**
 * One row of the rejects file, its fields written as the web app's rejects download writes them (toCsv,
 * rejects-csv.ts): a person opens the file in a spreadsheet, where a cell of the imported file's text
 * starting with = + - @ (a tab, a carriage return) would run as a formula (=HYPERLINK(…) sending the
 * sheet's cells away), so such text gets a leading ' (a plain number such as -5 excepted); the line
 * numbers stay numbers. toCsv ends each row with \r\n; the file's rows end with \n, as they always have.
 */
const rejectsFileRow = (cells: ReadonlyArray<string | number | null | undefined>) => toCsv([cells]).slice(0, -2);

/**
 * A reject's reason followed by the row's other problems (`also`), each after "also":
 * "ordered_at … is not a date we can read; …; also amount "12..5" …". The reasons hold semicolons
 * of their own, so each other problem is marked by its own "also". A reason naming its field (or
 * the file's column of it, "Total (amount) …", as the row parser names it) follows "also" as it
 * is; one that names neither is preceded by them: "also Total (amount): …". Named twice, the column
 * read "also Total (amount): Total (amount) …".
 */
export function reasonWithOtherProblems(reject: Pick<Reject, 'reason' | 'also'>): string {
  const others = (reject.also ?? []).map((problem) => `; also ${labelOf(problem)}${problem.reason}`);
  return reject.reason + others.join('');
}

function labelOf({ field, column, reason }: FieldProblem): string {
  if (field === null || reasonNamesField(reason, field, column)) return '';
  return `${column ? `${column} (${field})` : field}: `;
}

/** The rejects a summary shows (`rejectsSample`): the first ones. */
export const rejectsSampleSize = 20;

/**
 * Where a run writes its rejects until it completes, beside the rejects file and named as a run's
 * rows so far (orders.csv.rejects.csv: orders.csv.rejects.partial.csv). A run stopped, failed or
 * killed leaves it there; the rejects file itself is still the last completed run's.
 */
export function partialRejectsPath(path: string): string {
  return `${path.replace(/\.csv$/i, '')}.partial.csv`;
}

/**
 * Streams rejects to a CSV file, opened only when the first reject arrives; a row's other problems
 * follow its reason in the reason column (reasonWithOtherProblems), so the columns stay as they were.
 * The rows go to the partial file (partialRejectsPath), which replaces the rejects file (a rename)
 * only when the run completes: a re-import stopped part way (Ctrl-C) had overwritten the complete
 * list of the last run with its first rows. So the rejects file always describes the last completed
 * run (one without rejects removes it), and the partial file, when there, the last unfinished one's.
 * Besides the first rejects (`sample`), it keeps the first of each code (`firstOfCode`), so a
 * summary can say why with an example however far into the file a reason first appears.
 */
export function createRejectsWriter(path: string | null) {
  const partialPath = path === null ? null : partialRejectsPath(path);
  let stream: WriteStream | null = null;
  let count = 0;
  const sample: Reject[] = [];
  const firstOfCode = new Map<string, Reject>();
  return {
    async write(rejects: Reject[]): Promise<void> {
      for (const reject of rejects) {
        count += 1;
        if (sample.length < rejectsSampleSize) sample.push(reject);
        if (!firstOfCode.has(reject.code)) firstOfCode.set(reject.code, reject);
      }
      if (!partialPath || rejects.length === 0) return;
      if (!stream) {
        // rejected rows as written: personal data, readable by its owner alone (mode 0600 for a new
        // file; a partial one an earlier run left is made so too), which the rename gives the rejects file
        stream = createWriteStream(partialPath, { mode: 0o600 });
        stream.once('open', (descriptor: number) => {
          try {
            fchmodSync(descriptor, 0o600);
          } catch {
            // another user's file this one may write to: left as it is
          }
        });
        // a spreadsheet opens the file: without the BOM Excel reads UTF-8 as its own code page ("JÄnis" for Jānis);
        // our reader drops it, so the corrected rows import again as they are
        stream.write(`${utf8ByteOrderMark}file,line,field,reason,raw\n`);
      }
      const text = rejects.map((r) => rejectsFileRow([r.file, r.line, r.field, reasonWithOtherProblems(r), r.raw])).join('\n') + '\n';
      if (!stream.write(text)) await once(stream, 'drain');
    },
    /**
     * `isComplete` false (a stopped or failed run) leaves the last completed run's rejects file as it
     * was and this run's rows so far in `partialPath`; `path` is the rejects file only when this run wrote it.
     */
    async close(isComplete = true): Promise<{ path: string | null; partialPath: string | null; count: number; sample: Reject[]; firstOfCode: ReadonlyMap<string, Reject> }> {
      const wrote = stream !== null;
      if (stream) {
        const closing = once(stream, 'close');
        stream.end();
        await closing;
      }
      if (path && partialPath && isComplete) {
        if (wrote) await rename(partialPath, path);
        else await rm(path, { force: true });
      }
      // an unfinished run's rows left by an earlier run are no run's now: this one ended without any
      if (partialPath && !wrote) await rm(partialPath, { force: true });
      return { path: wrote && isComplete ? path : null, partialPath: wrote && !isComplete ? partialPath : null, count, sample, firstOfCode };
    },
  };
}

/**
 * Gives rejects made when rows were written (an order recorded for another
 * customer, an identity conflict, a currency without a rate) the `raw` that
 * parse-time rejects carry: the row as written (RecordItem's `raw`). The writers only see canonical rows, so the file
 * is read a second time, forward only, opened at the first such reject: memory
 * stays constant, and a run without them reads the file once. Call it with
 * each batch's rejects in turn (batches are in line order).
 */
export function createRawRowFinder(path: string, reader: ReaderOptions) {
  let records: AsyncIterator<RecordItem[]> | null = null;
  let buffered: RecordItem[] = [];
  let position = 0;
  let isDone = false;
  const nextRecord = async (): Promise<RecordItem | null> => {
    while (position >= buffered.length) {
      if (isDone) return null;
      records ??= (await readRecords(path, reader)).batches()[Symbol.asyncIterator]();
      const next = await records.next();
      if (next.done) isDone = true;
      else [buffered, position] = [next.value, 0];
    }
    return buffered[position++];
  };
  let current: RecordItem | null = null;
  return async function addRaw(rejects: Reject[]): Promise<void> {
    const wanting = rejects.filter((reject) => reject.raw === undefined).sort((a, b) => a.line - b.line);
    for (const reject of wanting) {
      while (current === null || current.line < reject.line) {
        current = await nextRecord();
        if (current === null) return;
      }
      if (current.line === reject.line && current.kind === 'record') reject.raw = current.raw;
    }
  };
}

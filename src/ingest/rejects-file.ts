import { createWriteStream, fchmodSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { utf8ByteOrderMark } from '../core/csv.js';
import type { Reject } from './canonical.js';
import { readRecords, type ReaderOptions, type RecordItem } from './readers/read-records.js';

const csvField = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * A reject's reason followed by the row's other problems (`also`), each after "also" and its field:
 * "ordered_at … is not a date we can read; …; also amount: amount "12..5" …". The reasons hold
 * semicolons of their own, so each other problem is marked by its own "also".
 */
export function reasonWithOtherProblems(reject: Pick<Reject, 'reason' | 'also'>): string {
  const others = (reject.also ?? []).map((problem) => `; also ${problem.field === null ? '' : `${problem.field}: `}${problem.reason}`);
  return reject.reason + others.join('');
}

/** The rejects a summary shows (`rejectsSample`): the first ones. */
export const rejectsSampleSize = 20;

/**
 * Streams rejects to a CSV file, opened only when the first reject arrives; a row's other problems
 * follow its reason in the reason column (reasonWithOtherProblems), so the columns stay as they were. A run without
 * rejects removes the file left by an earlier run, so the file always describes the last run.
 * Besides the first rejects (`sample`), it keeps the first of each code (`firstOfCode`), so a
 * summary can say why with an example however far into the file a reason first appears.
 */
export function createRejectsWriter(path: string | null) {
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
      if (!path || rejects.length === 0) return;
      if (!stream) {
        // rejected rows as written: personal data, readable by its owner alone (mode 0600 for a new
        // file; one an earlier run left is made so too, as this run replaces it)
        stream = createWriteStream(path, { mode: 0o600 });
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
      const text = rejects.map((r) => [r.file, r.line, r.field, reasonWithOtherProblems(r), r.raw].map(csvField).join(',')).join('\n') + '\n';
      if (!stream.write(text)) await once(stream, 'drain');
    },
    /** `isComplete` false (a failed run) keeps an earlier run's file: this run has not replaced it. */
    async close(isComplete = true): Promise<{ path: string | null; count: number; sample: Reject[]; firstOfCode: ReadonlyMap<string, Reject> }> {
      if (stream) {
        const closing = once(stream, 'close');
        stream.end();
        await closing;
      } else if (path && isComplete) {
        await rm(path, { force: true });
      }
      return { path: stream ? path : null, count, sample, firstOfCode };
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

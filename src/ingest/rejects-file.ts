import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Reject } from './canonical.js';

const csvField = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Streams rejects to a CSV file, opened only when the first reject arrives. A run without
 * rejects removes the file left by an earlier run, so the file always describes the last run.
 */
export function createRejectsWriter(path: string | null) {
  let stream: WriteStream | null = null;
  let count = 0;
  const sample: Reject[] = [];
  return {
    async write(rejects: Reject[]): Promise<void> {
      for (const reject of rejects) {
        count += 1;
        if (sample.length < 20) sample.push(reject);
      }
      if (!path || rejects.length === 0) return;
      if (!stream) {
        stream = createWriteStream(path);
        stream.write('file,line,field,reason,raw\n');
      }
      const text = rejects.map((r) => [r.file, r.line, r.field, r.reason, r.raw].map(csvField).join(',')).join('\n') + '\n';
      if (!stream.write(text)) await once(stream, 'drain');
    },
    /** `isComplete` false (a failed run) keeps an earlier run's file: this run has not replaced it. */
    async close(isComplete = true): Promise<{ path: string | null; count: number; sample: Reject[] }> {
      if (stream) {
        const closing = once(stream, 'close');
        stream.end();
        await closing;
      } else if (path && isComplete) {
        await rm(path, { force: true });
      }
      return { path: stream ? path : null, count, sample };
    },
  };
}

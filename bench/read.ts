/**
 * Streams a generated ~200 MB CSV through readRecords and checks that memory stays flat.
 * Run: npx tsx bench/read.ts [megabytes]
 * Baseline (2026-11, Node 20, dev container): ~200 MB in ~6 s, heap growth under 30 MB.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords } from '../src/ingest/readers/read-records.js';

export async function writeLargeCsv(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let rows = 0;
  out.write('order_id,customer_email,ordered_at,amount,note\n');
  while (written < target) {
    let block = '';
    for (let index = 0; index < 1000; index++, rows++) {
      block += `${rows},customer${rows % 50000}@example.com,2024-03-01T10:${String(rows % 60).padStart(2, '0')}:00Z,${(rows % 9973) / 100},"a note, with ""quotes"" and
a second line"\n`;
    }
    written += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return rows;
}

/** Reads the file, sampling the heap; returns records read and the heap growth in bytes. */
export async function measureRead(path: string): Promise<{ records: number; heapGrowth: number; seconds: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let records = 0;
  const started = performance.now();
  for await (const item of await readRecords(path)) {
    if (item.kind === 'record') records += 1;
    if ((records & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { records, heapGrowth: peak - before, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const megabytes = Number(process.argv[2] ?? 200);
  const path = join(tmpdir(), `clientele-bench-read-${process.pid}.csv`);
  const rows = await writeLargeCsv(path, megabytes);
  const result = await measureRead(path);
  await rm(path);
  console.log(`read ${result.records} of ${rows} records (${megabytes} MB) in ${result.seconds.toFixed(1)} s; heap growth ${(result.heapGrowth / 1e6).toFixed(1)} MB (baseline: ~6 s, < 30 MB)`);
}

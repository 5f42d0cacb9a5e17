import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from './read-records.js';

const path = join(tmpdir(), `clientele-memory-${process.pid}.csv`);

/** About `megabytes` of CSV, written as one repeated block so the test spends its time reading, not generating. */
async function writeLargeCsv(megabytes: number): Promise<number> {
  let block = '';
  const rowsPerBlock = 1000;
  for (let index = 0; index < rowsPerBlock; index++) {
    block += `${index},customer${index}@example.com,2024-03-01T10:00:00Z,${index / 100},"a note, with ""quotes"" and\na second line"\n`;
  }
  const bytes = Buffer.from(block);
  const blocks = Math.ceil((megabytes * 1024 * 1024) / bytes.length);
  const file = await open(path, 'w');
  await file.write('order_id,customer_email,ordered_at,amount,note\n');
  for (let index = 0; index < blocks; index++) await file.write(bytes);
  await file.close();
  return blocks * rowsPerBlock;
}

afterAll(() => rm(path, { force: true }));

describe('readRecords memory', () => {
  it('streams a 100 MB file with the heap growing by far less than the file (bench/read.ts does 200 MB)', async () => {
    const rows = await writeLargeCsv(100);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let records = 0;
    let lastLine = 0;
    for await (const item of await readRecords(path)) {
      if (item.kind !== 'record') throw new Error(`unexpected problem: ${item.reason}`);
      records += 1;
      lastLine = item.line;
      if ((records & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(records).toBe(rows);
    // Every record spans two physical lines: the header is line 1, the last record starts on line 2·rows.
    expect(lastLine).toBe(2 * rows);
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  }, 60_000);
});

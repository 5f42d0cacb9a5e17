import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-errors-'));
const storeDir = join(workDir, 'store');
const ordersFile = join(workDir, 'orders.csv');
writeFileSync(ordersFile, 'order_id,customer_id,ordered_at,amount\nO1,C1,2026-01-05,10.00\n');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const stackLine = /^\s+at /m;

// Each case starts the real binary (several seconds each on a busy machine).
describe('clientele CLI failures', { timeout: 240_000 }, () => {
  it('prints a usage error as one JSON error object on stdout under --json, with exit 1', async () => {
    const option = await runCli(['--json', 'import', 'orders', ordersFile, '--bogus']);
    expect(option.code).toBe(1);
    expect(JSON.parse(option.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', message: '--bogus is not an option of clientele import.', field: '--bogus', details: { hint: expect.stringContaining('clientele import --help') } } });
    const required = await runCli(['--db', storeDir, '--json', 'api-keys', 'create']);
    expect(required.code).toBe(1);
    expect(JSON.parse(required.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', message: expect.stringContaining('--name') } });
  });

  it('names a --db that is a file, in JSON or in one line without a stack trace', async () => {
    const file = join(workDir, 'x.txt');
    writeFileSync(file, 'not a store\n');
    const json = await runCli(['--db', file, '--json', 'customers', 'list']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'STORE_NOT_A_DIRECTORY', message: expect.stringContaining(`--db ${file} is a file, not a store directory`) } });
    const text = await runCli(['--db', file, 'customers', 'list']);
    expect(text.code).toBe(1);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).not.toMatch(stackLine);
  });

  it('names a store server it cannot reach, with exit 3 and no stack trace', async () => {
    const url = 'postgres://clientele:secret@127.0.0.1:1/x';
    const json = await runCli(['--db', url, '--json', 'customers', 'list']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'STORE_CONNECTION_UNAVAILABLE', message: expect.stringContaining('Cannot connect to postgres://clientele:***@127.0.0.1:1/x: connection refused') } });
    const text = await runCli(['--db', url, 'customers', 'list']);
    expect(text.code).toBe(3);
    expect(text.stderr).toMatch(/connection refused/);
    expect(text.stderr).not.toMatch(stackLine);
    expect(text.stderr).not.toMatch(/secret/);
  });

  it('exits 1 for an unknown preset and a missing input file, as the import docs list them', async () => {
    const preset = await runCli(['--db', storeDir, 'import', 'orders', ordersFile, '--preset', 'nope']);
    expect(preset.code).toBe(1);
    expect(preset.stderr).toMatch(/IMPORT_PRESET_NOT_FOUND/);
    const missing = await runCli(['--db', storeDir, '--json', 'import', 'orders', join(workDir, 'missing.csv')]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'IMPORT_FILE_NOT_FOUND' } });
    // a date format that reads no date: refused before the first row rather than rejecting every row
    const unreadable = await runCli(['--db', storeDir, 'import', 'orders', ordersFile, '--date-format', 'qq']);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/IMPORT_DATE_FORMAT_INVALID/);
    expect(unreadable.stderr).toContain('does not read a year, month and day back');
  });

  it('refuses out-of-range numbers and ids as usage errors before touching the store', async () => {
    for (const [args, text] of [
      [['alerts', 'ack', 'x'], '<alertId> takes an alert id (a positive whole number), not x.'],
      [['models', 'predict', '--horizon-days', '-5'], '--horizon-days takes a whole number from 1 to 3,650, e.g. --horizon 365, not -5.'],
      [['models', 'predict', '--discount-rate', '-1'], '--discount-rate takes a number from 0 to 1, e.g. --discount-rate 0.01, not -1.'],
      [['personas', 'discover', '--k', '1'], '--k takes a whole number from 2 to 12, e.g. --k 4, not 1.'],
    ] as const) {
      const result = await runCli(['--db', storeDir, ...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toContain(text);
    }
  });
});

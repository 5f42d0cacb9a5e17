import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-import-options-'));
const storeDir = join(workDir, 'store');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// Each case starts the real binary (several seconds each on a busy machine).
describe('clientele import options', { timeout: 240_000 }, () => {
  it('imports a Windows-1252 export with --encoding, and a clean re-run removes the earlier rejects file', async () => {
    const file = join(workDir, 'customers-1252.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('customer_id,name,city\nw1,Jos'), Buffer.from([0xe9]), Buffer.from(',Bogot'), Buffer.from([0xe1]), Buffer.from('\nw2,Ana,Jakarta\n')]));
    const asUtf8 = await runCli(['--db', storeDir, 'import', 'customers', file]);
    expect(asUtf8.code).toBe(2);
    expect(asUtf8.stdout).toMatch(/pass --encoding windows-1252/);
    expect(existsSync(`${file}.rejects.csv`)).toBe(true);

    const decoded = await runCli(['--db', storeDir, 'import', 'customers', file, '--encoding', 'windows-1252']);
    expect(decoded.stderr).not.toMatch(/error/i);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toMatch(/inserted 1 .*rejected 0/);
    expect(decoded.stdout).toContain(`the earlier ${file}.rejects.csv was removed`);
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
  });

  it.each([['abc'], ['0'], ['1000000']])('refuses --batch-size %s as a usage error', async (size) => {
    const file = join(workDir, 'tiny.csv');
    writeFileSync(file, 'customer_id\nt1\n');
    const result = await runCli(['--db', storeDir, 'import', 'customers', file, '--batch-size', size]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--batch-size.*whole number of rows from 1 to 200,000/);
  });

  it('documents --encoding and points --preset at `clientele presets`', async () => {
    const help = await runCli(['import', '--help']);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/--encoding <label>/);
    expect(text).toContain('see `clientele presets`');
  });
});

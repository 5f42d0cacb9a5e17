import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-store-location-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const ordersFile = join(workDir, 'small.csv');
writeFileSync(ordersFile, 'order_id,customer_id,ordered_at,amount\nO1,C1,2026-01-05,10.00\nO2,C2,2026-01-06,12.00\n');

type ErrorBody = { error: { code: string; message: string; field?: string; details?: Record<string, unknown> } };

describe('the store --db names', { timeout: 120_000 }, () => {
  it('refuses an empty --db as a usage error naming it, rather than importing into a store kept nowhere', async () => {
    for (const empty of ['', ' ']) {
      const result = await runCliInProcess(empty, ['--json', 'import', 'orders', ordersFile]);
      expect(result.exitCode).toBe(1);
      const { error } = JSON.parse(result.stdout) as ErrorBody;
      expect(error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', field: '--db' });
      expect(error.message).toContain('--db is empty: give a directory or a postgres:// URL, or leave --db out for the default store');
    }
  });

  it('refuses a directory holding other files and no store, for reads as for writes, and writes nothing into it', async () => {
    const folder = join(workDir, 'project');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine\n');
    for (const command of [['report', 'types'], ['settings', 'show'], ['imports'], ['import', 'orders', ordersFile]]) {
      const result = await runCliInProcess(folder, ['--json', ...command]);
      expect({ command, exitCode: result.exitCode }).toEqual({ command, exitCode: 1 });
      const { error } = JSON.parse(result.stdout) as ErrorBody;
      expect(error).toMatchObject({ code: 'STORE_NOT_A_DIRECTORY', field: '--db' });
      expect(error.message).toContain(`--db ${folder} is a directory that holds other files (notes.txt) and no Clientele store`);
    }
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('makes a new store of a missing directory and says so on stderr under --json too, stdout one JSON document', async () => {
    const fresh = join(workDir, 'new-store');
    const result = await runCliInProcess(fresh, ['--json', 'settings', 'show']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain('New store: currency IDR, time zone Asia/Jakarta, phone country ID');
    expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
    const again = await runCliInProcess(fresh, ['--json', 'settings', 'show']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).not.toContain('New store');
  });

  it('names the file in the way of a --db under a file, with the exit code of a --db that is a file', async () => {
    const file = join(workDir, 'notes.txt');
    writeFileSync(file, 'not a store\n');
    const itself = await runCliInProcess(file, ['--json', 'customers', 'list']);
    const under = await runCliInProcess(join(file, 'sub'), ['--json', 'customers', 'list']);
    expect([itself.exitCode, under.exitCode]).toEqual([1, 1]);
    expect((JSON.parse(itself.stdout) as ErrorBody).error).toMatchObject({ code: 'STORE_NOT_A_DIRECTORY', message: expect.stringContaining(`--db ${file} is a file, not a store directory`) });
    expect((JSON.parse(under.stdout) as ErrorBody).error).toMatchObject({
      code: 'STORE_NOT_A_DIRECTORY', field: '--db', message: expect.stringContaining(`--db ${join(file, 'sub')} cannot be a store directory: ${file} is a file, not a directory`),
    });
  });
});

describeEachCliStore('an import whose rejects file cannot be written', (context) => {
  it('is refused before any row is stored, naming --rejects and saying write', async () => {
    const rejects = join(workDir, 'no-such-directory', 'rejects.csv');
    const refused = await runCliInProcess(context.db, ['--json', 'import', 'orders', ordersFile, '--rejects', rejects]);
    expect(refused.exitCode).toBe(1);
    const { error } = JSON.parse(refused.stdout) as ErrorBody;
    expect(error).toMatchObject({ code: 'CLI_FILE_UNWRITABLE', field: '--rejects' });
    expect(error.message).toContain(`Cannot write the rejects file ${rejects} (--rejects): its directory ${join(workDir, 'no-such-directory')} does not exist`);
    expect(error.message).not.toMatch(/\bread\b/i);
    const listed = await runCliInProcess(context.db, ['--json', 'imports']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  }, 120_000);
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { createScratchSchema } from '../../db/scratch-schema.js';

// The real binary: an embedded store copied into a new folder and onto a PostgreSQL server, what a person reads, and the refusals.

const directory = mkdtempSync(join(tmpdir(), 'clientele-copy-store-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const serverUrl = process.env.TEST_DATABASE_URL;

describe('clientele copy-store', () => {
  const shop = join(directory, 'shop');
  const listed = async (db: string) => JSON.parse((await runCli(['--db', db, '--json', 'customers', 'list', '--limit', '500'])).stdout) as unknown;

  it('copies an embedded store into a new folder, which then answers as the source does', { timeout: 240_000 }, async () => {
    expect((await runCli(['--db', shop, 'demo', 'load', 'synthetic', '--customers', '60'])).code).toBe(0);
    const copy = join(directory, 'copy');
    const copied = await runCli(['--db', shop, 'copy-store', '--to', copy]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(new RegExp(`^Copied [0-9,]+ rows in \\d+ tables from ${shop} to ${copy} in [0-9.]+ s; every table checked row for row\\.`));
    expect(copied.stdout).toContain(`clientele serve --db ${copy}`);
    expect(await listed(copy)).toEqual(await listed(shop));
  });

  it.skipIf(!serverUrl)('copies it onto a PostgreSQL server (--json), and refuses to copy again into the filled database', { timeout: 240_000 }, async () => {
    const scratch = await createScratchSchema(serverUrl!, 'copy_cli');
    try {
      const copied = await runCli(['--db', shop, '--json', 'copy-store', '--to', scratch.url]);
      expect(copied.code, copied.stderr).toBe(0);
      expect(JSON.parse(copied.stdout)).toMatchObject({ from: shop, tables: expect.any(Number), rows: expect.any(Number) });
      expect(await listed(scratch.url)).toEqual(await listed(shop));
      const again = await runCli(['--db', shop, 'copy-store', '--to', scratch.url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('STORE_COPY_TARGET_NOT_EMPTY');
      expect(again.stderr).toContain('give --to a new database');
    } finally {
      await scratch.drop();
    }
  });

  it('refuses a source folder that holds no store, without making one (exit 1)', { timeout: 120_000 }, async () => {
    const missing = join(directory, 'no-such-store');
    const refused = await runCli(['--db', missing, 'copy-store', '--to', join(directory, 'never')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('STORE_COPY_SOURCE_NOT_FOUND');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(directory, 'never'))).toBe(false);
    const same = await runCli(['--db', shop, 'copy-store', '--to', `${shop}/`]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('are the same store');
  });
});

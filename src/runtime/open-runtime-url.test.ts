import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from './open-runtime.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-runtime-url-'));
const startDir = process.cwd();
// a location that is taken for a directory is created relative to here: never in the project's
beforeAll(() => process.chdir(workDir));
afterAll(() => {
  process.chdir(startDir);
  rmSync(workDir, { recursive: true, force: true });
});

describe('a DATABASE_URL that is not a postgres:// URL', () => {
  it.each(['postgres:/postgres@127.0.0.1:5432/rev_ops', 'garbage', 'postgresql:rev_ops', 'mysql://root@localhost/shop', 'memory://'])(
    '%s is refused, naming the variable, and creates no embedded store in its name',
    async (value) => {
      await expect(openRuntime({ env: { DATABASE_URL: value } })).rejects.toMatchObject({
        code: 'CONFIG_INVALID', details: { field: 'DATABASE_URL' }, message: expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/),
      });
      expect(existsSync(value)).toBe(false);
    },
  );

  it('is not echoed with its password', async () => {
    const refused = openRuntime({ env: { DATABASE_URL: 'postgres:/admin:s3cret@db.example.org/shop' } });
    await expect(refused).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret') });
  });

  it('with a port that is not a number is refused, naming the variable and the port', async () => {
    await expect(openRuntime({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:notaport/x' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID', details: { field: 'DATABASE_URL' }, message: 'DATABASE_URL cannot be opened: the port "notaport" is not a number.',
    });
    await expect(openRuntime({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:70000/x' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID', message: expect.stringMatching(/port 70000 is out of range/),
    });
  });
});

describe('a --db that looks like a URL of another or a malformed scheme', () => {
  it.each(['postgres:/x', 'postgresql:x', 'mysql://root@localhost/shop', 'http://example.org/db'])('%s is refused, naming --db', async (value) => {
    await expect(openRuntime({ db: value, env: {} })).rejects.toMatchObject({ code: 'CLI_ARGUMENT_INVALID', details: { field: '--db' }, message: expect.stringMatching(/looks like a URL/) });
    expect(existsSync(value)).toBe(false);
  });

  it('with a port that is not a number is refused, naming --db', async () => {
    await expect(openRuntime({ db: 'postgres://postgres@127.0.0.1:notaport/x', env: {} })).rejects.toMatchObject({
      code: 'CLI_ARGUMENT_INVALID', details: { field: '--db' }, message: expect.stringMatching(/^--db cannot be opened: the port "notaport"/),
    });
  });

  it('still takes memory:// and a directory, one whose name holds a colon too', async () => {
    for (const db of ['memory://', join(workDir, 'backup:2026')]) {
      const runtime = await openRuntime({ db, env: {}, embeddedSharedBuffers: '16MB' });
      await runtime.store.close();
    }
  }, 120_000);
});

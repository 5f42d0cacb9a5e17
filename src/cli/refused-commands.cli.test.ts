import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { createScratchSchema } from '../db/scratch-schema.js';

describe('a command refused before it opens a store', () => {
  let workDir = '';
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'clientele-refused-'));
  });
  afterAll(async () => rm(workDir, { recursive: true, force: true }));

  it('refuses an import of a missing file without creating a store at a new --db, its details nested as the API nests them', async () => {
    const newStore = join(workDir, 'new-dir');
    const missing = join(workDir, 'nonexistent.csv');
    const result = await runCliInProcess(newStore, ['--json', 'import', 'orders', missing]);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: 'IMPORT_FILE_NOT_FOUND', message: `File not found: ${missing}. Check the path and that the file exists.`, details: { file: missing } },
    });
    expect(existsSync(newStore)).toBe(false);
  });

  it('nests every detail under details, so a detail cannot stand in for the code, the message or the field', async () => {
    const result = await runCliInProcess(join(workDir, 'unused'), ['--json', 'import', 'orders', join(workDir, 'x.csv'), '--bogus']);
    expect(result.exitCode).toBe(1);
    const { error } = JSON.parse(result.stdout);
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'field', 'message']);
    expect(error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', details: { commander: 'commander.unknownOption', hint: expect.stringContaining('clientele import --help') } });
  });
});

describeEachCliStore('clientele policy set', (context) => {
  it('refuses an empty change rather than reclassify everyone for nothing', async () => {
    const result = await runCliInProcess(context.db, ['--json', 'policy', 'set', '{}']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: expect.stringContaining('The policy change is empty') });
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('a command on a PostgreSQL store not yet migrated', () => {
  it('exits 1 and says to run clientele migrate, since retrying alone never helps', async () => {
    const scratch = await createScratchSchema(serverUrl!, 'not_migrated');
    try {
      const result = await runCliInProcess(scratch.url, ['--json', 'customers', 'list']);
      expect(result.exitCode).toBe(1);
      expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'STORE_MIGRATIONS_PENDING_UNAVAILABLE', message: expect.stringMatching(/Run `clientele .*migrate`, then this command again/) });
    } finally {
      await scratch.drop();
    }
  });
});

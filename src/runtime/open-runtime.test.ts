import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from './open-runtime.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-runtime-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const sharedBuffers = async (env: NodeJS.ProcessEnv, directory: string, suggested?: string) => {
  const runtime = await openRuntime({ db: join(workDir, directory), env, ...(suggested ? { embeddedSharedBuffers: suggested } : {}) });
  try {
    return (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(runtime.db)).rows[0].shared_buffers;
  } finally {
    await runtime.store.close();
  }
};

describe('the embedded store buffer pool (CLIENTELE_EMBEDDED_SHARED_BUFFERS)', { timeout: 120_000 }, () => {
  it("keeps PostgreSQL's 128MB unless set, and takes a size when set, on a new and on an existing store", async () => {
    expect(await sharedBuffers({}, 'store')).toBe('128MB');
    expect(await sharedBuffers({ CLIENTELE_EMBEDDED_SHARED_BUFFERS: '16MB' }, 'store')).toBe('16MB');
    expect(await sharedBuffers({ CLIENTELE_EMBEDDED_SHARED_BUFFERS: '24MB' }, 'other')).toBe('24MB');
  });

  it('takes the size a command suggests (a short one opens with 16MB), unless the variable sets one', async () => {
    expect(await sharedBuffers({}, 'store', '16MB')).toBe('16MB');
    expect(await sharedBuffers({ CLIENTELE_EMBEDDED_SHARED_BUFFERS: '24MB' }, 'store', '16MB')).toBe('24MB');
  });

  it('refuses what is not a size, naming the variable, before opening anything', async () => {
    await expect(openRuntime({ db: join(workDir, 'never'), env: { CLIENTELE_EMBEDDED_SHARED_BUFFERS: 'lots' } }))
      .rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { field: 'CLIENTELE_EMBEDDED_SHARED_BUFFERS' }, message: expect.stringMatching(/a size such as 32MB/) });
  });
});

describe('a store location given empty', () => {
  it('is refused, naming where it was given, rather than opening a store kept nowhere', async () => {
    await expect(openRuntime({ db: '', env: {} })).rejects.toMatchObject({ code: 'CLI_ARGUMENT_INVALID', details: { field: '--db' }, message: expect.stringMatching(/^--db is empty/) });
    await expect(openRuntime({ env: { DATABASE_URL: '' } })).rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { field: 'DATABASE_URL' } });
    await expect(openRuntime({ env: { CLIENTELE_DATA_DIR: '' } })).rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { field: 'CLIENTELE_DATA_DIR' } });
  });
});

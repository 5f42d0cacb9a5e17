import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliRuntime } from './runtime.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-runtime-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the buffer pool a command opens an embedded store with', { timeout: 120_000 }, () => {
  it('is 16MB for a short command and PostgreSQL\'s 128MB for bulk work (imports, analyses, fits)', async () => {
    if (process.env.CLIENTELE_EMBEDDED_SHARED_BUFFERS) throw new Error('this test needs CLIENTELE_EMBEDDED_SHARED_BUFFERS unset');
    const program = new Command().option('--db <target>').option('--json');
    program.parse(['--db', join(workDir, 'store')], { from: 'user' });
    const runtime = createCliRuntime(program);
    const poolOf = (options?: { bulk?: boolean }) => runtime.withStore(async ({ db }) => (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db)).rows[0].shared_buffers, options);
    expect(await poolOf()).toBe('16MB');
    expect(await poolOf({ bulk: true })).toBe('128MB');
  });
});

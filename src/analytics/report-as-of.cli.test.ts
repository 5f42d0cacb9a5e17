import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testStoreKinds } from '../../test/helpers/stores.js';
import { createCliRuntime } from '../cli/runtime.js';
import { registerAnalyticsCommands } from '../cli/commands/analytics.js';
import { openStore } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';

/** Runs `clientele --json <args>` with the analytics commands in this process, returning what it printed. */
async function run(target: string, args: string[]): Promise<unknown> {
  const program = new Command('clientele').option('--json').option('--db <url-or-directory>').exitOverride();
  registerAnalyticsCommands(program, createCliRuntime(program));
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  try {
    await program.parseAsync(['node', 'clientele', '--json', '--db', target, ...args]);
  } finally {
    write.mockRestore();
  }
  return JSON.parse(chunks.join(''));
}

// the CLI runs on the system clock: a day far ahead is after today wherever and whenever the test runs
const dayToCome = '2099-06-30';
const refusal = { code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' }, message: expect.stringMatching(/^The as-of day 2099-06-30 is after today \(\d{4}-\d{2}-\d{2} in the store's time zone\)\. /) };

for (const kind of testStoreKinds()) {
  describe(`clientele report … --as-of a day to come [${kind}]`, { timeout: 180_000 }, () => {
    let target: string;
    let cleanUp: () => Promise<void>;
    beforeAll(async () => {
      if (kind === 'embedded') {
        target = await mkdtemp(join(tmpdir(), 'clientele-report-as-of-'));
        cleanUp = () => rm(target, { recursive: true, force: true });
      } else {
        const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
        target = scratch.url;
        cleanUp = scratch.drop;
      }
      const store = await openStore(target);
      await migrate(store);
      await store.close();
    }, 180_000);
    afterAll(async () => cleanUp?.());

    it('refuses report cohorts and report lifecycle, as analyze does, and reports as of a past day', async () => {
      await expect(run(target, ['report', 'cohorts', '--as-of', dayToCome])).rejects.toMatchObject(refusal);
      await expect(run(target, ['report', 'lifecycle', '--as-of', dayToCome])).rejects.toMatchObject(refusal);
      await expect(run(target, ['report', 'cohorts', '--as-of', `${dayToCome}T12:00:00Z`])).rejects.toMatchObject(refusal);
      await expect(run(target, ['analyze', '--as-of', dayToCome])).rejects.toMatchObject(refusal);
      expect(await run(target, ['report', 'cohorts', '--as-of', '2026-06-30'])).toMatchObject({ asOf: '2026-06-30', cohorts: [] });
      expect(await run(target, ['report', 'lifecycle', '--as-of', '2026-06-30'])).toMatchObject({ asOf: '2026-06-30' });
    });

    it('refuses policy set --as-of a day to come', async () => {
      await expect(run(target, ['policy', 'set', '{"newWithinDays": 45}', '--as-of', dayToCome])).rejects.toMatchObject(refusal);
      expect(await run(target, ['policy', 'show'])).toMatchObject({ newWithinDays: 30 });
    });
  });
}

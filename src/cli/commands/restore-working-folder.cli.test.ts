import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-restore-working-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A restore's working folder given as the store: the restore it suggested named --db twice once the
// CLI added the store given (`clientele --db <working> restore … --db <target>`), which the CLI refuses.
it('suggests, for a restore\'s working folder given as --db, a restore into its target that runs as written', { timeout: 60_000 }, async () => {
  const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const target = join(directory, 'shop');
  const working = `${target}.restoring-${deadPid}`;
  mkdirSync(working);
  const command = await runCli(['--db', working, 'customers', 'list']);
  expect(command.code, command.stderr).toBe(1);
  expect(command.stderr).toContain('STORE_RESTORE_UNFINISHED_CONFLICT');
  expect(/\((clientele [^)]*restore <backup file>)\)/.exec(command.stderr)?.[1]).toBe(`clientele --db ${target} restore <backup file>`);
});

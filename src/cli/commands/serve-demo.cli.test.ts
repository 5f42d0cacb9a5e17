import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { createScratchSchema } from '../../db/scratch-schema.js';

// `settings set --name "Kopi Senja"`, then `serve`, renamed a production store "Roti & Kopi Nusantara"
// and filled it with the synthetic demo; `serve --demo` now refuses such a store, and says why.
const directory = mkdtempSync(join(tmpdir(), 'clientele-serve-demo-cli-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

async function expectRefusal(db: string): Promise<void> {
  const named = await runCli(['--db', db, 'settings', 'set', '--name', 'Kopi Senja']);
  expect(named.code, named.stderr).toBe(0);
  const refused = await runCli(['--db', db, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1'], { LOG_LEVEL: 'warn' });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('DEMO_STORE_USED_CONFLICT');
  expect(refused.stderr).toContain('it is named "Kopi Senja"');
  expect(refused.stderr).toContain('Start without --demo');
  expect(refused.stdout).not.toContain('Clientele is running');
}

describe('clientele serve --demo into a used store', () => {
  it('exits 1 on an embedded store, naming what used it and what to do', async () => {
    await expectRefusal(join(directory, 'store'));
  }, 120_000);

  it.skipIf(!serverUrl)('exits 1 on a PostgreSQL server store too', async () => {
    const scratch = await createScratchSchema(serverUrl!, 'serve_demo_cli');
    drops.push(scratch.drop);
    const migrated = await runCli(['--db', scratch.url, 'migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    await expectRefusal(scratch.url);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../runtime/open-runtime.js';

const bin = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'clientele-owner-check-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The first owner is made after the demo load (so a start that finishes a killed load prints the
// one-time password): a common CLIENTELE_OWNER_PASSWORD was then refused only after the whole load,
// leaving a store full of demo data and no owner. It is refused before the load.
describe('a first start with a refused owner setting', () => {
  it('is refused before the demo load, leaving the new store without customers or staff', async () => {
    const store = join(directory, 'store');
    const started = spawnSync(process.execPath, [bin, '--db', store, 'serve', '--port', '5733', '--host', '127.0.0.1'], {
      env: { ...process.env, CLIENTELE_OWNER_PASSWORD: 'password12', LOG_LEVEL: 'info' }, encoding: 'utf8', timeout: 120_000,
    });
    expect(started.status, started.stderr).not.toBe(0);
    expect(started.stderr).toContain('CLIENTELE_OWNER_PASSWORD');
    expect(started.stdout).not.toContain('loading the synthetic demo store');
    const runtime = await openRuntime({ db: store });
    try {
      const count = async (table: 'customer' | 'staff_user') => Number((await runtime.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      expect({ customers: await count('customer'), staff: await count('staff_user') }).toEqual({ customers: 0, staff: 0 });
    } finally {
      await runtime.store.close();
    }
  }, 180_000);
});

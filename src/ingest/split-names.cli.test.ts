import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-split-names-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describeEachCliStore('clientele import customers: first and last name columns', (context) => {
  it('names first_name and last_name for unmapped "Vārds" and "Uzvārds", reads them with --map, and the surname finds the customer', async () => {
    const file = join(workDir, `${context.kind}-klienti.csv`);
    writeFileSync(file, ['Vārds;Uzvārds;E-pasts', 'Jānis;Bērziņš;janis@example.lv'].join('\n'));

    const unmapped = await runCliInProcess(context.db, ['--json', 'import', 'customers', file]);
    expect(unmapped.error).toBeNull();
    expect(JSON.parse(unmapped.stdout).ignoredColumns).toEqual([
      { column: 'Vārds', field: 'first_name', reason: 'no_field' },
      { column: 'Uzvārds', field: 'last_name', reason: 'no_field' },
    ]);

    const mapped = await runCliInProcess(context.db, ['--json', 'import', 'customers', file, '--map', 'first_name=Vārds', '--map', 'last_name=Uzvārds']);
    expect(mapped.error).toBeNull();
    expect(JSON.parse(mapped.stdout)).toMatchObject({ updated: 1, rejected: 0, ignoredColumns: [] });

    const found = await runCliInProcess(context.db, ['--json', 'customers', 'list', '-q', 'berzins']);
    expect(found.error).toBeNull();
    expect(JSON.parse(found.stdout).items.map((item: { name: string }) => item.name)).toEqual(['Jānis Bērziņš']);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-split-names-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describeEachCliStore('clientele import customers: first and last name columns', (context) => {
  it('reads unmapped "Vārds" and "Uzvārds", or "Name" and "Surname", as the first and last name, says so, and the surname finds the customer', async () => {
    const latvian = join(workDir, `${context.kind}-klienti.csv`);
    writeFileSync(latvian, ['Vārds;Uzvārds;E-pasts', 'Jānis;Bērziņš;janis@example.lv'].join('\n'));
    const english = join(workDir, `${context.kind}-customers.csv`);
    writeFileSync(english, ['Name,Surname,Email', 'Ann,Lee,ann@example.com'].join('\n'));

    const read = await runCliInProcess(context.db, ['--json', 'import', 'customers', latvian]);
    expect(read.error).toBeNull();
    expect(JSON.parse(read.stdout)).toMatchObject({
      inserted: 1, rejected: 0, ignoredColumns: [],
      guessedColumns: expect.arrayContaining([{ field: 'first_name', column: 'Vārds' }, { field: 'last_name', column: 'Uzvārds' }]),
    });
    const text = await runCliInProcess(context.db, ['import', 'customers', english]);
    expect(text.error).toBeNull();
    expect(text.stdout).toContain('first_name ← Name, last_name ← Surname');
    expect(text.stdout).not.toContain('Warning');

    const mapped = await runCliInProcess(context.db, ['--json', 'import', 'customers', latvian, '--map', 'first_name=Vārds', '--map', 'last_name=Uzvārds']);
    expect(mapped.error).toBeNull();
    expect(JSON.parse(mapped.stdout)).toMatchObject({ updated: 0, unchanged: 1, rejected: 0, ignoredColumns: [] });

    for (const [query, name] of [['berzins', 'Jānis Bērziņš'], ['lee', 'Ann Lee']]) {
      const found = await runCliInProcess(context.db, ['--json', 'customers', 'list', '-q', query]);
      expect(found.error).toBeNull();
      expect(JSON.parse(found.stdout).items.map((item: { name: string }) => item.name)).toEqual([name]);
    }
  });
});

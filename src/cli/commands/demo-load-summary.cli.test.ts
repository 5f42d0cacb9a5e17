import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele demo load: what became of every row', (context) => {
  it('counts the rows a load updated and left unchanged, as `clientele import` does, so they add up to the rows read', async () => {
    // the synthetic customers file names a few customers twice: the second row updates the first
    const result = await runCliInProcess(context.db, ['demo', 'load', 'synthetic', '--customers', '300']);
    expect(result.error).toBeNull();
    const lines = result.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('entity '));
    expect(lines[header].split(/\s{2,}/)).toEqual(['entity', 'read', 'inserted', 'updated', 'unchanged', 'rejected', 'orders inserted']);
    const rows = Object.fromEntries(lines.slice(header + 2, header + 7).map((line) => {
      const [entity, ...counts] = line.trim().split(/\s+/);
      return [entity, counts.map(Number)];
    }));
    expect(Object.keys(rows)).toEqual(['products', 'customers', 'orders', 'lines', 'events']);
    for (const [read, inserted, updated, unchanged, rejected] of Object.values(rows)) expect(inserted + updated + unchanged + rejected).toBe(read);
    expect(rows.customers.slice(0, 5)).toEqual([303, 300, 3, 0, 0]);
  }, 240_000);
});

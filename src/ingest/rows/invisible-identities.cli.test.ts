import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-invisible-identities-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describeEachCliStore('clientele import: identities with invisible characters', (context) => {
  const importFile = async (entity: string, name: string, text: string) => {
    const file = join(workDir, `${context.kind}-${name}`);
    writeFileSync(file, text);
    const result = await runCliInProcess(context.db, ['--json', 'import', entity, file]);
    return { ...result, rejectsFile: `${file}.rejects.csv` };
  };

  it('rejects a customers file\'s rows whose email or ids hold one, with line and field, and imports the rest', async () => {
    // the file starts with a byte order mark, as spreadsheets write it: the reader drops it, no row is refused for it
    const result = await importFile('customers', 'customers.csv', [
      '\uFEFFcustomer_id,name,email,external_id.loyalty_card',
      'C-1,Uni,\u202Euni.base@h6.test,',
      'C\u200B-2,Two,,',
      'C-3,Three,,LC\u200D3',
      'C-4,Kṣitija \u0915\u094D\u200D\u0937,four@example.com,LC-4',
    ].join('\n'));
    expect(result.error).toBeNull();
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ inserted: 1, rejected: 3 });
    const rejects = readFileSync(result.rejectsFile, 'utf8');
    expect(rejects).toContain('U+202E at position 1');
    expect(rejects).toContain('U+200B at position 2');
    expect(rejects).toContain('U+200D at position 3');
    // file,line,field,reason,raw
    const rows = rejects.trim().split('\n').slice(1).map((row) => row.split(',').slice(1, 3).join(','));
    expect(rows).toEqual(['2,email', '3,customer_id', '4,external_id.loyalty_card']);
    const values = await context.withStore(async (store) => (await store.db.selectFrom('customer_identity').select('value').execute()).map((row) => row.value));
    expect(values.sort()).toEqual(['C-4', 'LC-4', 'four@example.com']);
  }, 240_000);

  it('rejects an orders file\'s row whose customer_id holds one, rather than making a look-alike customer', async () => {
    const result = await importFile('orders', 'orders.csv', ['order_id,customer_id,ordered_at,amount', 'O-1,C-4\u2060,2024-06-01T10:00:00Z,10', 'O-2,C-4,2024-06-02T10:00:00Z,20'].join('\n'));
    expect(result.error).toBeNull();
    expect(JSON.parse(result.stdout)).toMatchObject({ inserted: 1, rejected: 1 });
    expect(readFileSync(result.rejectsFile, 'utf8')).toMatch(/,2,customer_id,.*U\+2060 at position 4/);
  }, 240_000);
});

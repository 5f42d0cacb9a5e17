import { readFileSync, rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';

const files = scratchFiles('masked-phones-cli');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

// A reviewer's file: three buyers whose phones a marketplace masked alike were imported, exit 0, as
// one customer "Ani" with the made-up phone +6281234567 and all three orders.
const masked = [
  'order_id,customer_phone,ordered_at,amount,customer_name',
  'X1,0812-3456-7***,2026-11-01,10000,Ani',
  'X2,0812-3456-7***,2026-11-02,20000,Bambang',
  'X3,+62 812-3456-7***,2026-11-03,30000,Citra',
].join('\n');

describeEachCliStore('clientele import: phones a marketplace masked', (context) => {
  it('rejects orders known only by a masked phone, exit 2, saying it is masked and, the file having no other column naming the buyer, that its rows cannot be told apart, and stores no one', async () => {
    const file = files.file(`${context.kind}-masked.csv`, masked);
    const result = await runCliInProcess(context.db, ['--json', 'import', 'orders', file]);
    expect(result.error).toBeNull();
    expect(result.exitCode).toBe(2);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ read: 3, inserted: 0, rejected: 3, createdCustomers: 0 });
    expect(summary.rejectCounts).toEqual([expect.objectContaining({ code: 'PHONE_MASKED', rows: 3 })]);
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain('customer_phone ""0812-3456-7***"" is masked by the marketplace');
    expect(rejects).toContain('The marketplace hides the buyer\'s number in this export and the file has no other column naming the buyer');
    expect(rejects).toContain('add a column with the buyer\'s id or email, from the marketplace\'s order details, to the file and map it');
    expect(rejects).not.toContain('country code');
    const stored = await context.withStore(async (store) => ({
      customers: (await store.db.selectFrom('customer').select('customer_id').execute()).length,
      phones: (await store.db.selectFrom('customer_identity').select('value').where('kind', '=', 'phone').execute()).map((row) => row.value),
    }));
    expect(stored).toEqual({ customers: 0, phones: [] });
  }, 240_000);

  it('imports the orders a username names, ignores their masked phones and says so in the summary', async () => {
    const file = files.file(`${context.kind}-masked-with-ids.csv`, masked.replace('order_id,', 'order_id,customer_id,').replace('X1,', 'X1,ani,').replace('X2,', 'X2,bambang,').replace('X3,', 'X3,citra,'));
    const json = await runCliInProcess(context.db, ['--json', 'import', 'orders', file]);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ inserted: 3, maskedPhones: { rows: 3, first: { line: 2, field: 'customer_phone', value: '0812-3456-7***' } } });
    const again = await runCliInProcess(context.db, ['import', 'orders', file]);
    expect(again.stdout).toContain('3 rows had a masked phone (e.g. line 2: 0812-3456-7***), ignored: a masked number cannot tell buyers apart.');
    const phones = await context.withStore(async (store) => (await store.db.selectFrom('customer_identity').select('value').where('kind', '=', 'phone').execute()).length);
    expect(phones).toBe(0);
  }, 240_000);
});

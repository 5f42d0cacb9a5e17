import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../../test/helpers/import-files.js';

// Ana buys for 100.00 on 1 March 2025 and 50.00 on 2 March; her credit note of 70.00 on 3 March takes all of the second sale
// and 20.00 of the first (the most recent first: docs/import.md). Budi's credit note of 30.00 on 2 March comes before his only
// sale: there is nothing it could take.
const header = 'order_id,customer_email,ordered_at,amount,currency,status';
const sales = ['S1,ana@example.com,2025-03-01T10:00:00+02:00,100.00,EUR,paid', 'S2,ana@example.com,2025-03-02T10:00:00+02:00,50.00,EUR,paid', 'S4,budi@example.com,2025-03-03T12:00:00+02:00,40.00,EUR,paid'];
const creditNotes = ['CN1,ana@example.com,2025-03-03T09:00:00+02:00,70.00,EUR,credit_note', 'CN2,budi@example.com,2025-03-02T12:00:00+02:00,30.00,EUR,credit_note'];
const files = scratchFiles('report-credit-notes');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const restated = /^credit notes count on the day of the sale they credit, not their own: a later credit note lowers days already reported$/m;
const unapplied = /^1 credit note \(€30\.00\) matched no earlier sale of its customer and takes nothing off revenue$/m;

describeEachCliStore('clientele report summary | revenue with credit notes', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, { CLIENTELE_TIMEZONE: 'Europe/Riga', CLIENTELE_CURRENCY: 'EUR' });
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));
  const importOrders = (name: string, rows: string[]) => run('import', 'orders', files.file(name, [header, ...rows].join('\n')), '--rejects', files.file(`${name}.rejects`, ''));
  const summary = ['report', 'summary', '--days', '2', '--as-of', '2025-03-02'];
  const revenue = ['report', 'revenue', '--granularity', 'day', '--from', '2025-03-01', '--to', '2025-03-03'];

  it('says nothing of credit notes in a store without any', async () => {
    await importOrders('sales.csv', sales);
    for (const args of [summary, revenue]) {
      expect(await json(...args)).toMatchObject({ hasCreditNotes: false, unappliedCredit: { creditNotes: 0, amountMinor: 0 } });
      const text = await run(...args);
      expect(text).not.toMatch(/credit note/);
    }
  }, 120_000);

  it('counts as kept what the credit notes of 3 March gave back, as of 2 March, and tells the one that matched no sale', async () => {
    await importOrders('credit-notes.csv', creditNotes);
    const body = await json(...summary);
    expect(body.current).toMatchObject({ revenueMinor: 15_000, orders: 2, repeatPurchaseRate: 1 });
    expect(body).toMatchObject({ hasCreditNotes: true, unappliedCredit: { creditNotes: 1, amountMinor: 3_000 } });
    const summaryText = await run(...summary);
    expect(summaryText).toMatch(/^revenue +€150\.00 /m);
    expect(summaryText).toMatch(unapplied);
    // the summary's days are not a series read again later: the revenue report's note alone
    expect(summaryText).not.toMatch(restated);
    const days = await json(...revenue);
    expect(days.points.map((point: { revenueMinor: number }) => point.revenueMinor)).toEqual([10_000, 5_000]);
    expect(days).toMatchObject({ hasCreditNotes: true, unappliedCredit: { creditNotes: 1, amountMinor: 3_000 } });
    const text = await run(...revenue);
    expect(text).toMatch(/^2025-03-02 +2025-03-02 +€50\.00 +1 +1$/m);
    expect(text).toMatch(restated);
    expect(text).toMatch(unapplied);
    // as of 3 March Ana's credit note has taken all of her second sale
    expect((await json('report', 'revenue', '--granularity', 'day', '--from', '2025-03-01', '--to', '2025-03-04')).points.map((point: { revenueMinor: number }) => point.revenueMinor)).toEqual([8_000, 0, 4_000]);
    // on 1 March no credit note had been made: none to tell of, but the days may yet be restated
    const first = await run('report', 'revenue', '--granularity', 'day', '--from', '2025-03-01', '--to', '2025-03-02');
    expect(first).toMatch(restated);
    expect(first).not.toMatch(/matched no earlier sale/);
  }, 120_000);
});

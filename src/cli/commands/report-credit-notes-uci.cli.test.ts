import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// The bundled UCI Online Retail sample (data/datasets/online-retail/README.md): five days from 1 December 2010, whose
// "C" invoices are credit notes applied to the same customer's earlier sales (docs/import.md)
const sample = fileURLToPath(new URL('../../../data/datasets/online-retail/online_retail_sample.csv', import.meta.url));

describeEachCliStore('the UCI sample\'s revenue as of a day before some of its credit notes', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, { CLIENTELE_TIMEZONE: 'Europe/London', CLIENTELE_CURRENCY: 'GBP' });
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));

  beforeAll(async () => {
    await run('import', 'orders', sample, '--preset', 'uci-online-retail', '--rejects', join(tmpdir(), 'clientele-uci-credit-notes.rejects.csv'));
    await run('analyze', '--as-of', '2010-12-02');
  }, 240_000);

  it('gives the same revenue in the summary, the revenue report, the types and RFM, the credit notes of 3 December counting as kept', async () => {
    const types = await json('report', 'types');
    expect(types).toMatchObject({ asOfDay: '2010-12-02', revenueLifetimeMinor: 9_331_137, revenueLast365DaysMinor: 9_331_137 });
    const rfm = await json('report', 'rfm');
    expect(rfm.segments.reduce((sum: number, segment: { revenueMinor: number }) => sum + segment.revenueMinor, 0)).toBe(9_331_137);
    const summary = await json('report', 'summary', '--days', '2');
    expect(summary).toMatchObject({ from: '2010-12-01', lastDay: '2010-12-02' });
    expect(summary.current.revenueMinor).toBe(9_331_137);
    const revenue = await json('report', 'revenue', '--granularity', 'day', '--from', '2010-12-01', '--to', '2010-12-03');
    expect(revenue.points.reduce((sum: number, point: { revenueMinor: number }) => sum + point.revenueMinor, 0)).toBe(9_331_137);
  }, 120_000);

  it('tells the credit notes that matched no earlier sale of their customer, as docs/import.md counts them for the whole sample', async () => {
    // the sample's last day: 29 of its 38 credit notes cancel sales from before it (£2,738.39)
    const whole = await json('report', 'summary', '--days', '5', '--as-of', '2010-12-05');
    expect(whole).toMatchObject({ hasCreditNotes: true, unappliedCredit: { creditNotes: 29, amountMinor: 273_839 } });
    expect(whole.current.revenueMinor).toBe(12_574_710);
    expect(await run('report', 'revenue', '--granularity', 'day', '--from', '2010-12-01', '--to', '2010-12-06'))
      .toMatch(/^29 credit notes \(£2,738\.39\) matched no earlier sale of their customer and take nothing off revenue$/m);
    // those dated up to 2 December only
    expect(await json('report', 'revenue', '--granularity', 'day', '--from', '2010-12-01', '--to', '2010-12-03')).toMatchObject({ unappliedCredit: { creditNotes: 23, amountMinor: 148_468 } });
  }, 120_000);
});

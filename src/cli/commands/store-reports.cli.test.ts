import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { updateStoreSettings } from '../../settings/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/store/${name}`, import.meta.url));

// The store fixture (Jakarta, IDR), reported as a data set ending 31 May 2024 so the system clock does not matter
describeEachCliStore('clientele report summary | revenue | type-migration', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, { CLIENTELE_TIMEZONE: 'Asia/Jakarta', CLIENTELE_CURRENCY: 'IDR' });
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));

  beforeAll(async () => {
    for (const entity of ['customers', 'orders']) await run('import', entity, fixture(`${entity}.csv`), '--rejects', join(tmpdir(), `clientele-store-reports-${entity}.rejects.csv`));
    await context.withStore((store) => updateStoreSettings(store.db, { data_as_of: '2024-05-31T23:59:59.999+07:00' }));
  }, 240_000);

  it('compares the last --days whole days with the days before, as GET /api/reports/summary', async () => {
    const body = await json('report', 'summary', '--days', '30');
    expect(body).toMatchObject({ comparison: 'whole-days', from: '2024-05-02', to: '2024-06-01', previousFrom: '2024-04-02', previousTo: '2024-05-02' });
    expect(body.current).toMatchObject({ activeCustomers: 1, newCustomers: 1, revenueMinor: 750000, orders: 1, realCustomers: 4 });
    expect(body.previous).toMatchObject({ activeCustomers: 2, newCustomers: 2, revenueMinor: 100000, orders: 2, realCustomers: 3 });
    const text = await run('report', 'summary', '--days', '30');
    expect(text).toMatch(/^2024-05-02 – 2024-05-31 against 2024-04-02 – 2024-05-01 \(whole days\)$/m);
    expect(text).toMatch(/^orders +1 +2 +-50%$/m);
    // a rate changes by percentage points, as on the web app's home page
    expect(text).toMatch(/^repeat-purchase rate +25% +33.3% +-8.3 pts$/m);
  }, 120_000);

  it('ends the periods with an --as-of day, counted to its end, as the default ends them with the data set\'s last day', async () => {
    // 30 days ending 1 May: the default's previous period
    const body = await json('report', 'summary', '--days', '30', '--as-of', '2024-05-01');
    expect(body).toMatchObject({ comparison: 'whole-days', from: '2024-04-02', to: '2024-05-02', lastDay: '2024-05-01', previousFrom: '2024-03-03', previousTo: '2024-04-02' });
    expect(body.current).toMatchObject({ activeCustomers: 2, newCustomers: 2, revenueMinor: 100000, orders: 2, realCustomers: 3 });
    // a day after the data set's end, but not after today: as of the data set's end
    expect(await json('report', 'summary', '--days', '30', '--as-of', '2024-06-15')).toMatchObject({ from: '2024-05-02', to: '2024-06-01' });
    const dayAfterTomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await runCliInProcess(context.db, ['report', 'summary', '--as-of', dayAfterTomorrow]);
    expect((future.error as Error).message).toContain(`The as-of day ${dayAfterTomorrow} is after today`);
  }, 120_000);

  it('gives revenue per --granularity over --from … --to, marking the periods the range cuts', async () => {
    const body = await json('report', 'revenue', '--granularity', 'week', '--from', '2024-03-13', '--to', '2024-05-03');
    expect(body).toMatchObject({ granularity: 'week', from: '2024-03-13', to: '2024-05-03', currency: 'IDR', hasPrices: true });
    expect(body.points).toEqual([
      { period: '2024-03-11', revenueMinor: 52000, orders: 1, customers: 1, from: '2024-03-13', to: '2024-03-18', isPartial: true },
      { period: '2024-03-18', revenueMinor: 0, orders: 0, customers: 0, from: '2024-03-18', to: '2024-03-25', isPartial: false },
      { period: '2024-03-25', revenueMinor: 0, orders: 0, customers: 0, from: '2024-03-25', to: '2024-04-01', isPartial: false },
      { period: '2024-04-01', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-01', to: '2024-04-08', isPartial: false },
      { period: '2024-04-08', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-08', to: '2024-04-15', isPartial: false },
      { period: '2024-04-15', revenueMinor: 100000, orders: 1, customers: 1, from: '2024-04-15', to: '2024-04-22', isPartial: false },
      { period: '2024-04-22', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-22', to: '2024-04-29', isPartial: false },
      { period: '2024-04-29', revenueMinor: 750000, orders: 2, customers: 2, from: '2024-04-29', to: '2024-05-03', isPartial: true },
    ]);
    const text = await run('report', 'revenue', '--granularity', 'week', '--from', '2024-03-13', '--to', '2024-05-03');
    expect(text).toMatch(/^2024-03-11\* +2024-03-13 – 2024-03-17 /m);
    expect(text).toMatch(/^2024-04-15 +2024-04-15 – 2024-04-21 /m);
    expect(text).toMatch(/^\* partial: only the days counted/m);
    // the defaults: the year up to the data set's end, by week
    expect(await json('report', 'revenue')).toMatchObject({ granularity: 'week', from: '2023-06-02', to: '2024-06-01' });
    const wrong = await runCliInProcess(context.db, ['report', 'revenue', '--granularity', 'year']);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID' });
  }, 120_000);

  it('tells in --json the last day the text prints, beside the exclusive `to`', async () => {
    const args = ['report', 'revenue', '--granularity', 'month', '--from', '2024-03-01', '--to', '2024-05-03'];
    const body = await json(...args);
    const printed = /^revenue per month, 2024-03-01 – (\d{4}-\d\d-\d\d)$/m.exec(await run(...args))?.[1];
    expect(printed).toBe('2024-05-02');
    expect(body).toMatchObject({ from: '2024-03-01', lastDay: printed, to: '2024-05-03' });
    // with nothing sold the text says the same period in words
    const none = ['report', 'revenue', '--from', '2024-03-02', '--to', '2024-03-10', '--channel', 'marketplace'];
    expect(await run(...none)).toBe('No purchases through marketplace from 2024-03-02 to 2024-03-09.\n');
    expect(await json(...none)).toMatchObject({ lastDay: '2024-03-09', to: '2024-03-10' });
    // and the summary, whose periods the text gives by their last days too
    const summary = await json('report', 'summary', '--days', '30');
    const [, last, previousLast] = /^2024-05-02 – (\S+) against 2024-04-02 – (\S+) /m.exec(await run('report', 'summary', '--days', '30')) ?? [];
    expect(summary).toMatchObject({ lastDay: last, to: '2024-06-01', previousLastDay: previousLast, previousTo: '2024-05-02' });
    expect([last, previousLast]).toEqual(['2024-05-31', '2024-05-01']);
  }, 120_000);

  it('lists every day of the range, 0 on the days without a sale, of all channels or one --channel', async () => {
    // the range starts two days before the first order, on 1 March; 2 March had no sale
    const text = await run('report', 'revenue', '--granularity', 'day', '--from', '2024-02-28', '--to', '2024-03-03');
    expect(text).toMatch(/^revenue per day, 2024-02-28 – 2024-03-02$/m);
    expect(text.match(/^2024-0\d-\d\d +2024-/gm)).toHaveLength(4);
    expect(text).toMatch(/^2024-02-28 +2024-02-28 +Rp\s0 +0 +0$/m);
    expect(text).toMatch(/^2024-03-02 +2024-03-02 +Rp\s0 +0 +0$/m);
    const web = await json('report', 'revenue', '--granularity', 'day', '--from', '2024-02-29', '--to', '2024-03-03', '--channel', 'WEB');
    expect(web.channel).toBe('web');
    expect(web.points.map((point: { period: string; revenueMinor: number; orders: number }) => [point.period, point.revenueMinor, point.orders]))
      .toEqual([['2024-02-29', 0, 0], ['2024-03-01', 30000, 1], ['2024-03-02', 0, 0]]);
    expect(await run('report', 'revenue', '--granularity', 'day', '--from', '2024-02-29', '--to', '2024-03-03', '--channel', 'web')).toMatch(/^revenue per day, web orders only, 2024-02-29 – 2024-03-02$/m);
    expect(await run('report', 'revenue', '--from', '2024-03-02', '--to', '2024-03-10', '--channel', 'marketplace')).toBe('No purchases through marketplace from 2024-03-02 to 2024-03-09.\n');
    const wrong = await runCliInProcess(context.db, ['report', 'revenue', '--channel', 'fax']);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: '--channel: "fax" is not an order channel. Use one of: store, web, mobile, marketplace, phone, other.' });
  }, 120_000);

  it('reads report type-migration from the type history\'s start when the range starts before it', async () => {
    await run('analyze', '--as-of', '2024-04-30');
    await run('analyze', '--as-of', '2024-05-30');
    const body = await json('report', 'type-migration', '--from', '2024-03-01', '--to', '2024-05-30');
    // the analysis's own day, as customers show dates its type changes (not "2024-05-01 00:00", the instant that ends it)
    expect(body).toMatchObject({ fromDay: '2024-03-01', toDay: '2024-05-30', historyStartsAt: '2024-04-30T17:00:00.000Z', historyFrom: '2024-04-30' });
    // no type is known on 1 March: what the first analysis typed the three as, and the moves since; two first typed later are real arrivals
    expect(body.firstTyped).toEqual([{ type: 'lead', customers: 1 }, { type: 'new', customers: 1 }, { type: 'vip', customers: 1 }]);
    expect(body.flows).toContainEqual({ fromType: 'vip', toType: 'occasional', customers: 1 });
    expect(body.flows).toContainEqual({ fromType: 'none', toType: 'lead', customers: 1 });
    // the defaults: the latest analysis's day and the 90 days before it
    expect(await json('report', 'type-migration')).toEqual(body);
    const text = await run('report', 'type-migration');
    expect(text).toMatch(/^history starts 2024-04-30; moves since then$/m);
    expect(text).toMatch(/^vip +occasional +1$/m);
    expect(text).toMatch(/^the first analysis \(2024-04-30\) typed them first as:$/m);
    expect(text).toMatch(/^lead +1$/m);
    const moves = await json('report', 'type-migration', '--from', '2024-04-30', '--to', '2024-05-30');
    expect(moves).toMatchObject({ historyFrom: null, firstTyped: [], flows: body.flows });
  }, 120_000);
});

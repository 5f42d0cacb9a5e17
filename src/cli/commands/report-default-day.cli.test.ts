import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore, type SeedOrder } from '../../../test/fixtures/analytics/seed.js';
import { updateStoreSettings } from '../../settings/index.js';

const orders: SeedOrder[] = [
  { customerId: 1, day: '2024-09-10', amountMinor: 10_000 },
  { customerId: 1, day: '2024-10-10', amountMinor: 10_000 },
  { customerId: 2, day: '2024-10-05', amountMinor: 20_000 },
  { customerId: 3, day: '2024-11-20', amountMinor: 30_000 },
];

// a data set's store: its reports stand on its end until an analysis looks back, then on that analysis's day
describeEachCliStore('clientele report cohorts, lifecycle and summary with no --as-of', (context) => {
  const json = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, ['--json', ...args]);
    if (result.error) throw result.error;
    return JSON.parse(result.stdout) as { asOf: string; lastDay?: string };
  };
  const text = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it("stand on the data set's end, and say its last month is cut by the data's end, not under way", async () => {
    await context.withStore(async ({ db }) => {
      await seedStore(db, { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders });
      await updateStoreSettings(db, { data_as_of: '2024-11-25T23:59:59.999+07:00' });
    });
    expect((await json('report', 'cohorts')).asOf).toBe('2024-11-25');
    expect((await json('report', 'lifecycle')).asOf).toBe('2024-11-25');
    expect((await json('report', 'summary')).lastDay).toBe('2024-11-25');
    const cohorts = await text('report', 'cohorts');
    expect(cohorts).toContain('* 2024-11 up to 2024-11-25: the data ends then');
    expect(cohorts).not.toContain('the month is not over');
  }, 240_000);

  it("stand on the latest analysis's day after analyze --as-of a past day, as types and RFM do", async () => {
    await text('analyze', '--as-of', '2024-10-31');
    expect((await json('report', 'cohorts')).asOf).toBe('2024-10-31');
    expect((await json('report', 'lifecycle')).asOf).toBe('2024-10-31');
    expect((await json('report', 'summary')).lastDay).toBe('2024-10-31');
    // an explicit day still reports that day
    expect((await json('report', 'cohorts', '--as-of', '2024-11-10')).asOf).toBe('2024-11-10');
  }, 240_000);
});

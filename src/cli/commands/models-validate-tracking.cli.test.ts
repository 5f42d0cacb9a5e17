import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedSimulatedModelStore } from '../../../test/fixtures/models/simulated-store.js';

const validate = ['models', 'validate', '--calibration-end', '2025-06-30', '--holdout-end', '2025-09-30', '--model', 'bgnbd'];

// 300 customers drawn from BG/NBD purchases; a data set ending 30 September 2025
describeEachCliStore('clientele models validate: the tracking curve in text', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  beforeAll(async () => {
    await context.withStore((store) => seedSimulatedModelStore(store.db));
  }, 240_000);

  it('shows cumulative actual and predicted repeat purchases every few weeks to the last, within 80 columns, as --json has them', async () => {
    const text = await run(...validate);
    expect(text.exitCode).toBe(0);
    const json = JSON.parse((await run('--json', ...validate)).stdout);
    const tracking = json.models[0].tracking as Array<{ week: number; periodEnd: string; expected: number; actual: number }>;
    const [, after] = text.stdout.split(/\ncumulative repeat purchases, actual vs predicted \(every (?:week|\d+ weeks); weekly in --json\):\n/);
    expect(after).toBeDefined();
    const lines = after.split('\n\n')[0].split('\n');
    expect(lines[0]).toMatch(/^week\s+to\s+period\s+actual\s+predicted\s+difference$/);
    const rows = lines.slice(2).map((line) => line.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(14);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const last = tracking[tracking.length - 1];
    expect(rows[rows.length - 1]).toEqual([String(last.week), last.periodEnd, 'holdout', String(Math.round(last.actual)), String(Math.round(last.expected)), expect.stringMatching(/^[+-]?\d+%$/)]);
    expect(rows.some((row) => row[2] === 'calibration')).toBe(true);
    for (const row of rows) {
      const week = tracking[Number(row[0]) - 1];
      expect(row.slice(1, 5)).toEqual([week.periodEnd, week.periodEnd <= '2025-06-30' ? 'calibration' : 'holdout', Math.round(week.actual).toLocaleString('en'), Math.round(week.expected).toLocaleString('en')]);
    }
  });
});

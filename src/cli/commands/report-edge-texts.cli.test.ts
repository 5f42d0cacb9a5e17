import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore } from '../../../test/fixtures/analytics/seed.js';
import { addDays } from '../../core/clock.js';

const asOf = '2026-06-30';

describeEachCliStore('clientele analyze and report on a store without customers', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it('says the analysis ran and found no one to score, "–" for what no customers cannot measure, and 1 row for one', async () => {
    await context.withStore(({ db }) => seedStore(db, { customerIds: [], orders: [] }));
    expect(await run('analyze', '--as-of', asOf)).toMatch(/^Analysed 0 customers \(0 real\)/);
    expect((await run('report', 'rfm')).trim()).toMatch(new RegExp(`^The analysis ran as of ${asOf} and found no real customers to score\\. Next, import customers and orders, then run \`clientele .*analyze\` again\\.$`));
    const summary = await run('report', 'summary', '--days', '30', '--as-of', asOf);
    expect(summary).toMatch(/^repeat-purchase rate\s+–\s+–\s+–\s*$/m);
    expect(summary).toMatch(/^orders\s+0\s+0\s+–\s*$/m);
    expect(summary).not.toMatch(/\b0%/);

    const file = join(tmpdir(), `clientele-count-noun-${process.pid}.csv`);
    await writeFile(file, 'customer_id,name,email\nX1,Ana,ana@example.com\n');
    const imported = await runCliInProcess(context.db, ['import', 'customers', file, '--rejects', `${file}.rejects.csv`]);
    expect(imported.stderr).toMatch(/^progress: 1 row committed, 0 rejected, 100%$/m);
  }, 240_000);
});

describeEachCliStore('clientele: one of a thing is said in the singular, and shares come unrounded', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result;
  };

  it('says 1 customer, and gives RFM shares as the exact ratio', async () => {
    // seven buyers, on one to three days each, the last of them 3 to 300 days before the as-of day
    const customerIds = [1, 2, 3, 4, 5, 6, 7];
    await context.withStore(({ db }) => seedStore(db, {
      customerIds,
      orders: customerIds.flatMap((id) => Array.from({ length: (id % 3) + 1 }, (_, index) => ({ customerId: id, day: addDays(asOf, -(id * 40 + 3 + index * 20)), amountMinor: id * 1000 }))),
    }));
    expect((await run('analyze', '--as-of', asOf)).stdout).toMatch(/^Analysed 7 customers \(7 real\)/);
    const rfm = JSON.parse((await run('--json', 'report', 'rfm')).stdout) as { customers: number; segments: Array<{ customers: number; share: number }> };
    expect(rfm.customers).toBe(7);
    expect(rfm.segments.length).toBeGreaterThan(1);
    for (const segment of rfm.segments) expect(segment.share).toBe(segment.customers / 7);

    await context.withStore(({ db }) => seedStore(db, { customerIds: [1], orders: [{ customerId: 1, day: addDays(asOf, -3), amountMinor: 1000 }] }));
    expect((await run('analyze', '--as-of', asOf)).stdout).toMatch(/^Analysed 1 customer \(1 real\)/);
    expect((await run('report', 'types')).stdout).toMatch(/^1 customer, as of /m);
    expect((await run('report', 'rfm')).stdout).toMatch(/^1 real customer scored/m);
    expect((await run('policy', 'set', '{"newWithinDays": 40}')).stdout).toMatch(/^Policy updated; 1 customer reclassified as of /);
  }, 240_000);
});

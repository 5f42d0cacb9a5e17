import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore, type SeedOrder } from '../../../test/fixtures/analytics/seed.js';

const weekly = (customerId: number, days: string[]): SeedOrder[] => days.map((day) => ({ customerId, day, amountMinor: 100_000 }));

/** Customer 1 is overdue from 2026-10-28 and buys again on 2026-11-20; customer 4 is overdue from 2026-11-11. */
const store = {
  customerIds: [1, 4],
  orders: [
    ...weekly(1, ['2026-09-22', '2026-09-29', '2026-10-06', '2026-10-13', '2026-11-20']),
    ...weekly(4, ['2026-10-06', '2026-10-13', '2026-10-20', '2026-10-27']),
  ],
};

describeEachCliStore('clientele alerts and policy set: audited as through the API, and said as they stand', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const audited = (action: string) => context.withStore(async ({ db }) =>
    db.selectFrom('audit_event').select(['actor', 'entity', 'entity_id']).where('action', '=', action).orderBy('audit_id').execute());
  const alertOf = async (customerId: number) => {
    const listed = JSON.parse(await run('--json', 'report', 'alerts', '--all')) as { alerts: { alertId: number; customerId: number | null }[] };
    return listed.alerts.find((alert) => alert.customerId === customerId)!.alertId;
  };
  const lineOf = async (alertId: number) => (await run('report', 'alerts', '--all')).split('\n').find((line) => line.startsWith(`#${alertId} `));

  it('says a store never analysed has no alerts because no analysis has run yet', async () => {
    expect((await run('report', 'alerts')).trim()).toMatch(/^No alerts: no analysis has run on this store yet, and analyses raise them \(run `clientele .*analyze`\)\.$/);
  }, 240_000);

  it('audits acknowledging and reopening an alert, and lists who acknowledged it and when, and why the system closed one', async () => {
    await context.withStore(({ db }) => seedStore(db, store));
    await run('analyze', '--as-of', '2026-10-31');
    await run('analyze', '--as-of', '2026-11-19');
    const overdue4 = await alertOf(4);
    expect((await run('alerts', 'ack', String(overdue4))).trim()).toBe(`Alert #${overdue4} acknowledged.`);
    expect(await lineOf(overdue4)).toMatch(/\(acknowledged by cli:\S+ on \d{4}-\d{2}-\d{2}\)$/);
    await run('alerts', 'reopen', String(overdue4));
    expect(await lineOf(overdue4)).not.toMatch(/acknowledged/);
    const entry = { actor: expect.stringMatching(/^cli:/), entity: 'alert', entity_id: String(overdue4) };
    expect(await audited('alert.acknowledge')).toEqual([entry]);
    expect(await audited('alert.reopen')).toEqual([entry]);
    // customer 1 bought again on 2026-11-20
    await run('analyze', '--as-of', '2026-11-21');
    expect(await lineOf(await alertOf(1))).toMatch(/\(closed on \d{4}-\d{2}-\d{2}: bought again on 2026-11-20\)$/);
  }, 240_000);

  it('audits a policy change, and says a past as-of leaves the types on that day, raising no alerts for it', async () => {
    await context.withStore(({ db }) => seedStore(db, store));
    await run('analyze', '--as-of', '2026-11-19');
    const before = await run('--json', 'report', 'alerts', '--all');
    const text = await run('policy', 'set', '{"atRisk":{"overdueFactor":1.5}}', '--as-of', '2026-10-31');
    expect(text).toContain('customers reclassified as of 2026-10-31.\nCustomer types, RFM segments and saved segments\' members are now those of 2026-10-31, until the next analysis');
    // customer 1 is overdue as of 2026-10-31: a look back raises nothing, as analyze's does not
    expect(await run('--json', 'report', 'alerts', '--all')).toBe(before);
    expect(await audited('analytics.policy.update')).toEqual([{ actor: expect.stringMatching(/^cli:/), entity: 'store', entity_id: 'type_policy' }]);
  }, 240_000);

  it('says what its type counts are: history spells of its day, the history after it rewound on a look back', async () => {
    await context.withStore(({ db }) => seedStore(db, store));
    expect(await run('analyze', '--as-of', '2026-11-19')).toMatch(/\n {2}type history: types entered \d+, left \d+ on 2026-11-19; RFM scored/);
    expect(await run('analyze', '--as-of', '2026-10-31'))
      .toMatch(/\n {2}type history: rewound to 2026-10-31, a day before the latest analysed \(the types it took back are not counted\); types entered \d+, left \d+ on 2026-10-31; /);
  }, 240_000);

  it('says how many alerts a page leaves out and the --cursor of the rest, and gives total with --json', async () => {
    await context.withStore(({ db }) => seedStore(db, store));
    // customer 1 became overdue before the first run, customer 4 before the second: an alert each
    await run('analyze', '--as-of', '2026-10-31');
    await run('analyze', '--as-of', '2026-11-19');
    const everything = JSON.parse(await run('--json', 'report', 'alerts', '--all')) as { alerts: { alertId: number }[]; total: number; nextCursor: string | null };
    expect(everything).toMatchObject({ total: everything.alerts.length, nextCursor: null });
    expect(everything.total).toBeGreaterThan(1);
    expect(await run('report', 'alerts', '--all')).not.toMatch(/ shown/);

    const first = JSON.parse(await run('--json', 'report', 'alerts', '--all', '--limit', '1')) as typeof everything;
    expect(first).toMatchObject({ total: everything.total, alerts: [{ alertId: everything.alerts[0].alertId }] });
    const text = (await run('report', 'alerts', '--all', '--limit', '1')).trim().split('\n');
    expect(text).toHaveLength(2);
    expect(text[1]).toBe(`1 of ${everything.total} alerts shown; for more, add --cursor ${first.nextCursor} (the next page) or a larger --limit (up to 500)`);
    const rest = JSON.parse(await run('--json', 'report', 'alerts', '--all', '--cursor', first.nextCursor!, '--limit', '500')) as typeof everything;
    expect(rest).toMatchObject({ total: everything.total, nextCursor: null });
    expect(rest.alerts.map((alert) => alert.alertId)).toEqual(everything.alerts.slice(1).map((alert) => alert.alertId));
    // the rest follow the first page's alert: "more of" the total
    expect((await run('report', 'alerts', '--all', '--cursor', first.nextCursor!)).trim().split('\n').at(-1))
      .toBe(`${everything.total - 1} more of ${everything.total} alerts shown; no more after this page`);
  }, 240_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';
import { suggestedCommand } from '../helpers/suggested-command.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-analytics-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// C1 buys weekly (regular, overdue from 2026-11-07; the top spender, so VIP); C2 once (new on 2026-11-06); C3 irregularly.
const orders = [
  'order_id,customer_id,ordered_at,amount,currency,channel,status',
  ...['2026-10-02', '2026-10-09', '2026-10-16', '2026-10-23'].map((day, index) => `A${index},C1,${day}T12:00:00+07:00,50000,IDR,store,paid`),
  'B1,C2,2026-11-01T12:00:00+07:00,80000,IDR,web,paid',
  ...['2026-09-01', '2026-09-20', '2026-10-30'].map((day, index) => `C${index},C3,${day}T12:00:00+07:00,30000,IDR,store,paid`),
].join('\n');

// The commands run in this process, with main.ts's exit codes and error printing; one per command
// group also runs the real binary, for what main.ts prints.
describeEachCliStore('clientele analytics CLI', (context) => {
  const cli = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process (on the embedded store, as a person's first store is)
  const cliProcess = (...args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(...args));
  const json = async (...args: string[]) => JSON.parse((await cli('--json', ...args)).stdout);
  let regularId: number;

  beforeAll(async () => {
    const file = join(workDir, 'orders.csv');
    writeFileSync(file, `${orders}\n`);
    expect((await cli('import', 'orders', file)).code).toBe(0);
    expect((await cli('analyze', '--as-of', '2026-11-06')).code).toBe(0);
    expect((await cli('analyze', '--as-of', '2026-11-07')).code).toBe(0);
    regularId = (await json('customers', 'list', '--type', 'at_risk')).items[0].customer_id;
  }, 600_000);

  it('lists alerts in text with their id, window and what happened', async () => {
    const { alerts } = await json('report', 'alerts');
    const overdue = alerts.find((alert: { kind: string }) => alert.kind === 'customer_overdue');
    const text = (await cli('report', 'alerts')).stdout;
    expect(text).not.toMatch(/undefined|NaN/);
    expect(text).toMatch(new RegExp(`^#${overdue.alertId}  customer_overdue  2026-11-07  customer:${regularId}  At risk: last purchase 2026-10-23, usually every 7 days, overdue since 2026-11-07 \\(more than 14 days after it\\)$`, 'm'));
  }, 240_000);

  it('reopens an acknowledged alert, so one mistaken `alerts ack` is undone', async () => {
    const { alerts } = await json('report', 'alerts');
    const alertId = alerts[0].alertId as number;
    const isOpen = async () => (await json('report', 'alerts')).alerts.some((alert: { alertId: number }) => alert.alertId === alertId);
    expect((await cli('alerts', 'ack', String(alertId))).code).toBe(0);
    expect(await isOpen()).toBe(false);
    const reopened = await cli('alerts', 'reopen', String(alertId));
    expect(reopened.code).toBe(0);
    expect(reopened.stdout.trim()).toBe(`Alert #${alertId} is open again.`);
    expect(await isOpen()).toBe(true);
    const unknown = await cliProcess('--json', 'alerts', 'reopen', '999999');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'ANALYTICS_ALERT_NOT_FOUND' } });
  }, 240_000);

  it('lists a type\'s customers with their reasons, and names the known types for an unknown one', async () => {
    const listed = await cli('customers', 'list', '--type', 'at_risk', '--limit', '3');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${regularId}\\s+at_risk, vip\\s+At risk: last purchase 2026-10-23, usually every 7 days, overdue since 2026-11-07 \\(more than 14 days after it\\); VIP: revenue `, 'm'));
    expect(listed.stdout).toMatch(/^\(1–1 of 1 customers typed at_risk as of \d{4}-\d{2}-\d{2}, the latest analysis\)$/m);
    // in any letter case, as the API reads it
    const capitals = await cli('customers', 'list', '--type', 'AT_RISK', '--limit', '3');
    expect(capitals).toMatchObject({ code: 0, stdout: listed.stdout });
    const unknown = await cliProcess('customers', 'list', '--type', 'foo');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--type: "foo" is not a customer type\. Use one of: at_risk, lapsed, vip, new, regular, loyal, occasional, one_time, lead, consumer\./);
  }, 240_000);

  it('shows advocacy as not tracked yet rather than a 0% conversion', async () => {
    const text = (await cli('report', 'lifecycle', '--as-of', '2026-11-07')).stdout;
    expect(text).toMatch(/^all customers: acquisition 3 → activation 3 \(100%.*\) → retention 2 \(66\.7%.*\) → advocacy 0 \(not tracked yet\)$/m);
    const report = await json('report', 'lifecycle', '--as-of', '2026-11-07');
    expect(report.overall.stages.at(-1)).toEqual({ stage: 'advocacy', customers: 0, conversionFromPrevious: null, withinHorizon: null });
  }, 240_000);

  it('says in a customer\'s timeline until when a type held', async () => {
    const shown = (await cli('customers', 'show', String(regularId))).stdout;
    // the spell began at the store's first analysis: held already then, not taken (docs/customer-types.md)
    expect(shown).toMatch(/type_change\s+regular since the type history began, until 2026-11-07$/m);
    expect(shown).toMatch(/type_change\s+became at_risk$/m);
  }, 240_000);

  it('reclassifies a policy change as of the latest analysis\'s day', async () => {
    const changed = await cli('policy', 'set', '{"vip":{"topPercent":10}}');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/customers reclassified as of 2026-11-07\./);
  }, 240_000);

  it('prints the analysis and the reports as text a person reads, --json as data', async () => {
    const analysed = (await cliProcess('analyze', '--as-of', '2026-11-07')).stdout;
    expect(analysed).toMatch(/^Analysed 3 customers \(3 real\) as of 2026-11-07 in [\d.]+ s \(run #\d+\)\.$/m);
    // the day was analysed before: C1's overdue alert is not new, but still open, and said so
    expect(analysed).toMatch(/^ {2}new alerts: 0 metric drops, 0 customers overdue$/m);
    expect(analysed).toMatch(/^ {2}open alerts, new ones included: \d+ metric drops?, 1 customer overdue \(.*\)$/m);
    expect(analysed).toContain(`1 customer overdue (${suggestedCommand(context.db, 'report alerts')})\n`);
    // the cut-off VIP is judged by, not both side by side as if both were needed
    expect(analysed).toMatch(/^ {2}VIP: revenue of Rp\s[\d.]+ or more in the last 365 days$/m);
    const { alerts, vipCutoffs } = await json('analyze', '--as-of', '2026-11-07');
    expect(alerts).toEqual({ new: { metricDrops: 0, customerOverdue: 0 }, open: { metricDrops: expect.any(Number), customerOverdue: 1 }, raised: true });
    expect(vipCutoffs).toMatchObject({ basis: 'revenue', windowDays: 365, revenueMinor: expect.any(Number), purchaseDays: expect.any(Number) });
    const types = (await cliProcess('report', 'types')).stdout;
    // 200,000 of 370,000 is 54.054%: rounded once, not 0.5405 and again to 54%
    expect(types).toMatch(/^at_risk\s+1\s+1\s+33\.3%\s+Rp\s200\.000\s+54\.1%\s+Rp\s200\.000\s+54\.1%\s*$/m);
    expect(types).toMatch(/^at_risk \+ vip\s+1$/m);
    const rfm = (await cli('report', 'rfm')).stdout;
    expect(rfm).toMatch(/^3 real customers scored, as of 2026-11-07$/m);
    expect(rfm).toMatch(/^R5(\s+\d+){5}$/m);
    const cohorts = (await cli('report', 'cohorts', '--as-of', '2026-11-07')).stdout;
    // C3 first bought on 2026-09-01 and again on 09-20 and 10-30
    // too young for a repeat within 90 days by the as-of day: compared at the same age, not yet known
    expect(cohorts).toMatch(/^2026-09\s+1\s+not yet\s+100%\s+19\s+100%\s+0%/m);
    for (const text of [analysed, types, rfm, cohorts]) expect(text).not.toMatch(/undefined|NaN|^\{/m);
    expect((await json('report', 'types')).customers).toBe(3);
  }, 240_000);

  it('says in the JSON of each report with amounts which currency they are minor units of', async () => {
    for (const args of [['report', 'rfm'], ['report', 'cohorts', '--as-of', '2026-11-07'], ['report', 'alerts', '--all']]) {
      expect({ args, ...(await json(...args)) }).toMatchObject({ args, currency: 'IDR', hasPrices: true });
    }
  }, 240_000);
});

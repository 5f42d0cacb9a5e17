import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { storeAlerts, type NewAlert } from '../../analytics/alerts/alerts.repo.js';

const alerts: NewAlert[] = Array.from({ length: 6 }, (_, i) => ({
  kind: 'metric_drop', metric: 'revenue', scope: `channel:c${i}`, granularity: 'day', windowStart: `2024-06-1${i}`, windowEnd: `2024-06-1${i}`,
  expected: 100, actual: 60, changePct: -40, explanation: { summary: `alert ${i}` },
}));

type Listed = { alerts: { alertId: number; acknowledgedAt: string | null }[]; total: number; nextCursor: string | null };

describeEachCliStore('clientele report alerts --acknowledged', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const listed = async (...args: string[]) => JSON.parse(await run('--json', 'report', 'alerts', ...args)) as Listed;

  it('refuses --all with --acknowledged, exit 1, saying to give one', async () => {
    const text = await runCliInProcess(context.db, ['report', 'alerts', '--all', '--acknowledged']);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('Give --all or --acknowledged, not both');
    const json = await runCliInProcess(context.db, ['--json', 'report', 'alerts', '--acknowledged', '--all']);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', field: '--acknowledged' });
    const help = await runCliInProcess(context.db, ['report', 'alerts', '--help']);
    expect(help.stdout).toMatch(/--acknowledged\s+only acknowledged alerts \(not with --all\)/);
  }, 240_000);

  it('lists only the acknowledged alerts, with their total, paged by --cursor', async () => {
    await context.withStore(({ db }) => storeAlerts(db, alerts));
    const all = (await listed('--all')).alerts.map((alert) => alert.alertId);
    expect(all).toHaveLength(6);
    const acknowledged = [all[0], all[2], all[5]];
    for (const alertId of acknowledged) await run('alerts', 'ack', String(alertId));

    const everyOne = await listed('--acknowledged');
    expect(everyOne).toMatchObject({ total: 3, nextCursor: null });
    expect(everyOne.alerts.map((alert) => alert.alertId)).toEqual(acknowledged);
    expect(everyOne.alerts.every((alert) => alert.acknowledgedAt !== null)).toBe(true);
    // the open list is unchanged: the others
    expect((await listed()).alerts.map((alert) => alert.alertId)).toEqual(all.filter((alertId) => !acknowledged.includes(alertId)));

    const first = await listed('--acknowledged', '--limit', '2');
    expect(first.alerts.map((alert) => alert.alertId)).toEqual(acknowledged.slice(0, 2));
    expect(first.total).toBe(3);
    const text = (await run('report', 'alerts', '--acknowledged', '--limit', '2')).trim().split('\n');
    expect(text.slice(0, 2).map((line) => line.split(' ')[0])).toEqual(acknowledged.slice(0, 2).map((alertId) => `#${alertId}`));
    expect(text[2]).toBe(`2 of 3 acknowledged alerts shown; for more, add --cursor ${first.nextCursor} (the next page) or a larger --limit (up to 500)`);
    const rest = await listed('--acknowledged', '--cursor', first.nextCursor!);
    expect(rest).toMatchObject({ total: 3, nextCursor: null });
    expect(rest.alerts.map((alert) => alert.alertId)).toEqual(acknowledged.slice(2));
  }, 240_000);
});

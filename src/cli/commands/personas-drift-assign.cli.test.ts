import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// A store in Jakarta (UTC+7): its days begin at 17:00 UTC the evening before.
describeEachCliStore('clientele personas drift and assign, in a Jakarta store', (context) => {
  const cli = (...args: string[]) => runCliInProcess(context.db, args, { CLIENTELE_TIMEZONE: 'Asia/Jakarta' });

  it('reads period days as the store\'s days and says when there are too few customers to size a change', async () => {
    expect((await cli('settings', 'show')).exitCode).toBe(0);
    await context.withStore(async ({ db }) => {
      await sql`insert into customer (customer_id, kind, name, birth_year, consent_profiling) values (1, 'person', 'Ana', 1990, true), (2, 'person', 'Budi', 1980, null), (3, 'person', 'Citra', 1985, true)`.execute(db);
      // 03:00 on New Year's Day in Jakarta: still 31 December in UTC
      await sql`
        insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
        values (1, 't', 'O1', '2026-01-01T03:00:00+07:00', 'IDR', 50000, 50000, 'web', 'paid'), (2, 't', 'O2', '2025-12-10T10:00:00+07:00', 'IDR', 50000, 50000, 'web', 'paid')`.execute(db);
      await sql`insert into customer_trait (customer_id, order_count, revenue_minor) values (1, 1, 50000), (2, 1, 50000)`.execute(db);
    });
    const drift = await cli('--json', 'personas', 'drift', '--before', '2025-12-01..2026-01-01', '--after', '2026-01-01..2026-02-01');
    expect(drift.error).toBeNull();
    const report = JSON.parse(drift.stdout);
    expect({ before: report.before.customers, after: report.after.customers }).toEqual({ before: 1, after: 1 });
    // days are echoed as days, not as UTC midnights
    expect(report.before).toMatchObject({ from: '2025-12-01', to: '2026-01-01' });
    // one customer a side: no d, and no claim that nothing changed
    const age = report.attributes.find((attribute: { attribute: string }) => attribute.attribute === 'age');
    expect(age).toMatchObject({ cohensD: null, magnitude: null, noStatisticReason: 'tooFew' });

    const text = await cli('personas', 'drift', '--before', '2025-12-01..2026-01-01', '--after', '2026-01-01..2026-02-01');
    expect(text.stdout).toContain('too few customers to tell');
    expect(text.stdout).not.toContain('negligible');
    // spend in money, per buyer (mean, with the median), not the mean of ln(1 + spend) ("10.82")
    expect(text.stdout).toMatch(/spend per buyer \(mean\) +Rp\s50\.000 \(median Rp\s50\.000\) +Rp\s50\.000 \(median Rp\s50\.000\)/);
    expect(text.stdout).not.toContain('spend (log)');
    // Budi never agreed to profiling and is counted: the comparison is an aggregate that profiles no one
    expect(text.stdout).toContain('with or without consent to profiling: no one is profiled or placed in a persona by it.');

    // an explicit instant is still that instant: from 17:00 UTC on 31 December the order is in the later period
    const instants = JSON.parse((await cli('--json', 'personas', 'drift', '--before', '2025-12-01..2025-12-31T19:00:00Z', '--after', '2025-12-31T19:00:00Z..2026-02-01')).stdout);
    expect({ before: instants.before.customers, after: instants.after.customers, to: instants.before.to }).toEqual({ before: 1, after: 1, to: '2025-12-31T19:00:00.000Z' });

    const reversed = await cli('personas', 'drift', '--before', '2026-01-01..2025-12-01', '--after', '2026-01-01..2026-02-01');
    expect((reversed.error as Error).message).toContain('The before period must start before it ends (from 2026-01-01 to 2025-12-01)');
  }, 180_000);

  it('says why a customer asked for by id was not assigned', async () => {
    const assigned = await cli('personas', 'assign', '99999', '2', '3');
    expect(assigned.stdout).toContain('0 customers assigned');
    expect(assigned.stdout).toContain('No personas have been discovered yet');
    expect(assigned.stdout).toContain('Not assigned: customer 2 has not agreed to profiling');
    expect(assigned.stdout).toContain('Not assigned: customer 3 has no paid order');
    expect(assigned.stdout).toContain('Not assigned: customer 99999 does not exist.');
  }, 180_000);
});

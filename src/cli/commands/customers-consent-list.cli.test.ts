import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// A marketer analyses a past day, then lists and exports the customers they may email.
describeEachCliStore('clientele customers list and segment exports, by consent and by the day types were judged', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));

  it('lists only the customers who agreed, says the day the types were judged, and exports a segment by consent', async () => {
    await context.withStore(async (store) => {
      const clock = fixedClock('2026-07-01T00:00:00Z');
      await ingestRecords(store.db, 'customers', [
        { customer_id: 'A', name: 'Ana', email: 'ana@example.com', consent_email: 'yes' },
        { customer_id: 'B', name: 'Budi', email: 'budi@example.com', consent_email: 'no' },
        { customer_id: 'C', name: 'Citra', email: 'citra@example.com' },
      ], { actor: 'test', clock });
      await ingestRecords(store.db, 'orders', ['A', 'B', 'C'].map((id, index) => (
        { order_id: `O${index}`, customer_id: id, ordered_at: '2026-06-20T10:00:00+07:00', amount: '100000' })), { actor: 'test', clock });
    });
    const analysed = await run('analyze', '--as-of', '2026-06-30');
    expect(analysed).toContain("Customer types, RFM segments and saved segments' members are now those of 2026-06-30, until the next analysis");

    const all = await json('customers', 'list', '--status', 'real');
    expect(all.total).toBe(3);
    expect(all.typesAsOf).toBe('2026-06-30');
    const agreed = await json('customers', 'list', '--status', 'real', '--consent', 'email');
    expect(agreed.items.map((item: { name: string }) => item.name)).toEqual(['Ana']);
    expect(agreed.total).toBe(1);
    const type = all.items[0].types[0] as string;
    expect(await run('customers', 'list', '--type', type)).toContain(`of 3 customers typed ${type} as of 2026-06-30, the latest analysis)`);
    expect(await run('customers', 'list', '--type', type, '--consent', 'email')).toContain(`1 shown of 1 customer who agreed to email campaigns; typed ${type} as of 2026-06-30, the latest analysis`);

    const wrong = await runCliInProcess(context.db, ['customers', 'list', '--consent', 'newsletter']);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toContain('--consent: "newsletter" is not a kind of consent. Use one of: email, sms, whatsapp, profiling');

    await run('segments', 'create', 'Buyers', '--filter', '{"field": "order_count", "op": "gte", "value": 1}');
    const file = join(tmpdir(), `clientele-consent-${process.pid}-${Date.now()}.csv`);
    expect(await run('segments', 'members', 'Buyers', '--csv', file)).toContain('Wrote 3 members');
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(4);
    expect(await run('segments', 'members', 'Buyers', '--csv', file, '--consent', 'email'))
      .toContain('Wrote 1 member of segment #1 "Buyers" who agreed to email campaigns to');
    const rows = (await readFile(file, 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('ana@example.com');
    const refused = await runCliInProcess(context.db, ['segments', 'members', 'Buyers', '--consent', 'mail', '--csv', file]);
    expect(refused.stderr).toContain('--consent: "mail" is not a kind of consent. Use one of: email, sms, whatsapp, profiling.');
    await rm(file, { force: true });
  }, 180_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-latvian-excel-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// As Latvian Excel saves "CSV UTF-8": a byte order mark, semicolons, decimal commas, day.month.year,
// and thousands grouped by a no-break space or the narrow one (U+202F) Intl writes in lv.
const latvianExcelOrders = [
  '\uFEFForder_id;customer_email;ordered_at;amount;currency',
  'LV-1;anna@example.lv;03.11.2025;12,50;EUR',
  'LV-2;anna@example.lv;3.11.2025 14:05;1\u00a0234,56;EUR',
  'LV-3;janis@example.lv;25.07.2025;1\u202f234,56;EUR',
  'LV-4;janis@example.lv;01.02.25;"8,00";EUR',
  'LV-5;liga@example.lv;31.12.2024 23:59:30;1 000;EUR',
].join('\r\n');

describeEachCliStore('clientele import: a Latvian Excel orders file, without a date format', (context) => {
  it('reads dotted dates day-first in the store\'s zone and amounts with decimal commas and no-break spaces', async () => {
    const file = join(workDir, `${context.kind}-orders.csv`);
    writeFileSync(file, latvianExcelOrders);
    const result = await runCliInProcess(context.db, ['--json', 'import', 'orders', file], { CLIENTELE_TIMEZONE: 'Europe/Riga', CLIENTELE_CURRENCY: 'EUR' });
    expect(result.error).toBeNull();
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 5, inserted: 5, rejected: 0 });
    const orders = await context.withStore((store) => store.db.selectFrom('customer_order').select(['external_id', 'ordered_at', 'amount_minor']).orderBy('external_id').execute());
    expect(orders.map((order) => [order.external_id, new Date(order.ordered_at).toISOString(), Number(order.amount_minor)])).toEqual([
      ['LV-1', '2025-11-02T22:00:00.000Z', 1250],
      ['LV-2', '2025-11-03T12:05:00.000Z', 123456],
      ['LV-3', '2025-07-24T21:00:00.000Z', 123456],
      ['LV-4', '2025-01-31T22:00:00.000Z', 800],
      ['LV-5', '2024-12-31T21:59:30.000Z', 100000],
    ]);
  }, 240_000);
});

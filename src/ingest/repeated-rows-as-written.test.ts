import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importFile } from './import-file.service.js';
import { updateStoreSettings } from '../settings/index.js';

const files = scratchFiles('repeated-rows-as-written');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);

// As Latvian Excel saves it: semicolons, decimal commas, day.month.year.
const latvianRepeats = [
  'order_id;customer_id;ordered_at;amount;currency',
  'LW1;RLW1;01.06.2024 10:00;10,00;EUR',
  'LW2;RLW2;02.06.2024 10:00;5,00;EUR',
  'LW1;RLW1;01.06.2024 10:00;11,00;EUR',
  'LW2;RLW2;02.06.2024 10:05;5,00;EUR',
];

// A repeat's reject quotes the values it differs in as each row wrote them (docs/import.md), not as read:
// "11,00" in a Latvian file, not 11.00; a date as its cell gives it, not in UTC.
describeEachStore('a repeated order\'s values, as written', (context) => {
  const db = () => context.store.db;
  const run = (file: string, options: { batchSize?: number; mapping?: Record<string, string> } = {}) => importFile(db(), { ...importDefaults, entity: 'orders', file, ...options });
  beforeAll(async () => {
    await updateStoreSettings(db(), { currency: 'EUR' });
  });
  const rejectsOf = (summary: Awaited<ReturnType<typeof run>>) => summary.rejectsSample.map((reject) => ({ line: reject.line, reason: reject.reason, params: reject.params }));

  it('quotes a Latvian file\'s amounts and dates as its rows write them, in the reason and the params', async () => {
    const summary = await run(csv(latvianRepeats));
    expect(summary).toMatchObject({ read: 4, inserted: 2, unchanged: 0, rejected: 2 });
    expect(rejectsOf(summary)).toEqual([
      {
        line: 4, reason: 'Duplicate order id LW1 with a different amount: "11,00" here, "10,00" on line 2 of this file. Keep one row per order.',
        params: { order: 'LW1', firstLine: 2, column: 'amount', value: '11,00', firstValue: '10,00' },
      },
      {
        line: 5, reason: 'Duplicate order id LW2 with a different ordered_at: "02.06.2024 10:05" here, "02.06.2024 10:00" on line 3 of this file. Keep one row per order.',
        params: { order: 'LW2', firstLine: 3, column: 'ordered_at', value: '02.06.2024 10:05', firstValue: '02.06.2024 10:00' },
      },
    ]);
  });

  it('quotes an English file\'s amounts as written, from the column the field is mapped to', async () => {
    const summary = await run(csv([
      'order_id,customer_id,ordered_at,Total,Refund,currency',
      'EW1,REW1,2024-06-01T10:00:00Z,12.5,,EUR',
      'EW1,REW1,2024-06-01T10:00:00Z,13,,EUR',
      'EW2,REW2,2024-06-01T10:00:00Z,20,1.5,EUR',
      'EW2,REW2,2024-06-01T10:00:00Z,20,2,EUR',
    ]), { mapping: { amount: 'Total', refunded_amount: 'Refund' } });
    expect(rejectsOf(summary)).toEqual([
      {
        line: 3, reason: 'Duplicate order id EW1 with a different amount: "13" here, "12.5" on line 2 of this file. Keep one row per order.',
        params: { order: 'EW1', firstLine: 2, column: 'amount', value: '13', firstValue: '12.5' },
      },
      {
        line: 5, reason: 'Duplicate order id EW2 with a different refunded_amount: "2" here, "1.5" on line 4 of this file. Keep one row per order.',
        params: { order: 'EW2', firstLine: 4, column: 'refunded_amount', value: '2', firstValue: '1.5' },
      },
    ]);
  });

  it('names the status of a repeat of an order an earlier batch stored that changed only its status, and rejects it', async () => {
    // batches of one row: each repeat meets the order its first row stored
    const summary = await run(csv([
      'order_id,customer_id,ordered_at,amount,currency,status,refunded_amount',
      'SW1,RSW1,2024-06-01T10:00:00Z,10.00,EUR,paid,',
      'SW1,RSW1,2024-06-01T10:00:00Z,10.00,EUR,refunded,',
      'SW2,RSW2,2024-06-02T10:00:00Z,10.00,EUR,paid,',
      'SW2,RSW2,2024-06-02T10:00:00Z,10.00,EUR,paid,4.00',
    ]), { batchSize: 1 });
    expect(summary).toMatchObject({ read: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(summary.rejectsSample.map((reject) => [reject.line, reject.code, reject.reason])).toEqual([
      [3, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id SW1 with a different status: "refunded" here, "paid" on line 2 of this file. Keep one row per order.'],
      // a refund the row did send is still named, as written (the row that stored the order is known as stored: its text is not kept)
      [5, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id SW2 with a different refunded_amount: "4.00" here, "0.00" on line 4 of this file. Keep one row per order.'],
    ]);
    expect(summary.rejectsSample[0].params).toEqual({ order: 'SW1', firstLine: 2, column: 'status', value: 'refunded', firstValue: 'paid' });
    // rejected: the order keeps the status its first row stored
    const stored = await db().selectFrom('customer_order').select(['status', 'refunded_minor']).where('external_id', '=', 'SW1').executeTakeFirstOrThrow();
    expect({ status: stored.status, refunded: Number(stored.refunded_minor) }).toEqual({ status: 'paid', refunded: 0 });
  });

  it('updates an order an earlier import stored when a later file changes only its status, rejecting nothing', async () => {
    await run(csv(['order_id,customer_id,ordered_at,amount,currency,status', 'UW1,RUW1,2024-06-01T10:00:00Z,10.00,EUR,paid']));
    const later = await run(csv(['order_id,customer_id,ordered_at,amount,currency,status', 'UW1,RUW1,2024-06-01T10:00:00Z,10.00,EUR,refunded']));
    expect(later).toMatchObject({ read: 1, inserted: 0, updated: 1, rejected: 0 });
    const stored = await db().selectFrom('customer_order').select(['status', 'refunded_minor']).where('external_id', '=', 'UW1').executeTakeFirstOrThrow();
    expect({ status: stored.status, refunded: Number(stored.refunded_minor) }).toEqual({ status: 'refunded', refunded: 1000 });
  });
});

describeEachCliStore('clientele import: a Latvian file repeating an order with other values', (context) => {
  it('says the amounts as written in its reason and its rejects file', async () => {
    const file = files.file(`${context.kind}-latvian.csv`, `${latvianRepeats.join('\r\n')}\r\n`);
    const result = await runCliInProcess(context.db, ['import', 'orders', file], { CLIENTELE_TIMEZONE: 'Europe/Riga', CLIENTELE_CURRENCY: 'EUR' });
    expect(result.exitCode).toBe(2);
    const reason = 'Duplicate order id LW1 with a different amount: "11,00" here, "10,00" on line 2 of this file. Keep one row per order.';
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain(`"${reason.replaceAll('"', '""')}"`);
    expect(rejects).toContain('with a different ordered_at: ""02.06.2024 10:05"" here, ""02.06.2024 10:00"" on line 3');
    expect(rejects).not.toContain('11.00');
  }, 240_000);
});

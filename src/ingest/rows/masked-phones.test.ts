import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../test/helpers/import-files.js';
import { maskedPhonesNote, noMaskedPhones } from './masked-phones.js';
import { parseFile, rowsFromRecords } from './parse-file.js';
import { testContext } from './test-context.js';

// testContext is a Latvian store; the numbers below carry Indonesia's code or are read as ID numbers by the row's shape alone.
const files = scratchFiles('masked-phones');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const order = (index: number, extra: Record<string, string>) => ({ order_id: `M${index}`, ordered_at: '2026-03-01', amount: '10', ...extra });

describe('a phone a marketplace masked, in an API batch', () => {
  it('is read as no phone: the order stands on its customer_id, and is counted as a masked phone ignored', () => {
    const { rows, rejects, maskedPhones } = rowsFromRecords('orders', [
      order(1, { customer_id: 'ani_w', customer_phone: '0812-3456-7***' }),
      order(2, { customer_id: 'bambang88', customer_phone: '62812345****', recipient_phone: '******7890' }),
      order(3, { customer_id: 'citra.s', customer_phone: '+62 812 3456 7890' }),
    ], { context: testContext });
    expect(rejects).toEqual([]);
    expect(rows.map((row) => row.customer)).toEqual([
      [{ kind: 'external', namespace: 'test', value: 'ani_w' }],
      [{ kind: 'external', namespace: 'test', value: 'bambang88' }],
      [{ kind: 'external', namespace: 'test', value: 'citra.s' }, { kind: 'phone', value: '+6281234567890' }],
    ]);
    expect(rows[1].recipient).toBeNull();
    expect(maskedPhones).toEqual({ rows: 2, first: { line: 1, field: 'customer_phone', value: '0812-3456-7***' } });
    expect(maskedPhonesNote(maskedPhones)).toBe('2 rows had a masked phone (e.g. line 1: 0812-3456-7***), ignored: a masked number cannot tell buyers apart');
  });

  it.each(['0812-3456-7***', '******7890', '628******123', '0812xxxx7890', '08123456XXXX', '6281234567***', '(+62) 812-3456-7***', '0812-••••-7890', '0812-####-7890'])(
    'rejects an order or event known only by %j as PHONE_MASKED, saying the field naming the buyer is empty on its row',
    (value) => {
      // another record names its buyer by customer_id: the batch has the field, this record leaves it empty
      const { rejects } = rowsFromRecords('orders', [order(1, { customer_phone: value }), order(2, { customer_id: 'ani_w' })], { context: testContext });
      expect(rejects).toEqual([expect.objectContaining({ field: 'customer_phone', code: 'PHONE_MASKED', params: { field: 'customer_phone', value, otherIdentity: 'empty', identity: 'customer_id' } })]);
      expect(rejects[0].reason).toContain('this row\'s customer_id is empty, so the masked phone leaves it without a customer: fill in the buyer\'s username or leave the row out');
      const events = rowsFromRecords('events', [{ kind: 'visit', occurred_at: '2026-03-01', customer_phone: value, customer_email: '' }], { context: testContext });
      expect(events.rejects).toEqual([expect.objectContaining({ code: 'PHONE_MASKED', reason: expect.stringContaining('this row\'s customer_email is empty') })]);
      expect(events.rejects[0].reason).toContain('fill in the buyer\'s email or leave the row out');
    },
  );

  it('says a batch with no field but the masked phone to tell buyers by cannot tell them apart, and what would', () => {
    const { rejects } = rowsFromRecords('orders', [order(1, { customer_phone: '0812-3456-7***', customer_name: 'Ani' })], { context: testContext });
    expect(rejects).toEqual([expect.objectContaining({ code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '0812-3456-7***', otherIdentity: 'none' } })]);
    expect(rejects[0].reason).toBe('customer_phone "0812-3456-7***" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart, '
      + 'so the order has no customer to attribute it to. The marketplace hides the buyer\'s number in this export and the file has no other column naming the buyer '
      + '(a name cannot tell buyers apart), so these rows cannot be told apart: leave them out, or add a column with the buyer\'s id or email, '
      + 'from the marketplace\'s order details, to the file and map it (--map customer_id=Column or --map customer_email=Column)');
    const events = rowsFromRecords('events', [{ kind: 'visit', occurred_at: '2026-03-01', customer_phone: '******7890' }], { context: testContext });
    expect(events.rejects[0].reason).toContain('so the event has no customer to attribute it to. The marketplace hides the buyer\'s number in this export');
    const customers = rowsFromRecords('customers', [{ name: 'Ani', phone: '******7890' }], { context: testContext });
    expect(customers.rejects[0]).toMatchObject({ code: 'PHONE_MASKED', params: { otherIdentity: 'none' } });
    expect(customers.rejects[0].reason).toContain('the customer\'s id or email, from the marketplace\'s order details, to the file and map it (--map customer_id=Column or --map email=Column)');
  });

  it('advises mapping a column a batch sends but no field reads, named as an email or a username', () => {
    for (const key of ['Email Pembeli', 'Username', 'Buyer ID']) {
      const { rejects } = rowsFromRecords('orders', [order(1, { customer_phone: '0812-3456-7***', [key]: 'x' })], { context: testContext });
      expect(rejects[0].params, key).not.toHaveProperty('otherIdentity');
      expect(rejects[0].reason, key).toContain('map the column with the buyer\'s username or email as customer_id');
    }
  });

  it('names the masked phone among the other problems of a row rejected for another field', () => {
    const { rejects } = rowsFromRecords('orders', [order(1, { customer_phone: '0812-3456-7***', ordered_at: 'yesterday' })], { context: testContext });
    expect(rejects).toEqual([expect.objectContaining({ code: 'PHONE_MASKED', also: [expect.objectContaining({ field: 'ordered_at', code: 'DATE_UNREADABLE' })] })]);
    const dated = rowsFromRecords('orders', [order(1, { customer_phone: '0812-3456-7***', amount: 'abc' })], { context: testContext });
    expect(dated.rejects[0]).toMatchObject({ code: 'PHONE_MASKED', also: [expect.objectContaining({ field: 'amount' })] });
  });
});

describe('a file\'s masked phones', () => {
  it('are counted batch by batch with their first line, the rows known only by one rejected', async () => {
    const path = files.file('masked.csv', [
      'order_id,customer_id,customer_phone,ordered_at,amount',
      'X1,ani_w,0812-3456-7***,2026-03-01,10',
      'X2,,0812-3456-7***,2026-03-02,20',
      'X3,citra.s,+62 812-3456-7***,2026-03-03,30',
      'X4,dewi,+371 2612 3456,2026-03-04,40',
    ].join('\n'));
    const batches = [];
    for await (const batch of parseFile('orders', path, { context: testContext, batchSize: 2 })) batches.push(batch);
    expect(batches.map((batch) => [batch.rows.length, batch.rejects.map((reject) => reject.code), batch.maskedPhones])).toEqual([
      [1, ['PHONE_MASKED'], { rows: 1, first: { line: 2, field: 'customer_phone', value: '0812-3456-7***' } }],
      [2, [], { rows: 1, first: { line: 4, field: 'customer_phone', value: '+62 812-3456-7***' } }],
    ]);
    expect(maskedPhonesNote(noMaskedPhones)).toBeNull();
    expect(maskedPhonesNote({ rows: 1, first: { line: 4, field: 'phone', value: '******7890' } })).toBe('1 row had a masked phone (e.g. line 4: ******7890), ignored: a masked number cannot tell buyers apart');
  });
});

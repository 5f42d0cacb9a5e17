import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../canonical.js';
import { groupOrderRows } from './group-orders.js';

const retailFile = { file: 'retail.csv', linesOf: 'file' } as const;
/** The same rows sent through the API without their file's lines: each is an item of the batch. */
const apiBatch = { file: 'request', linesOf: 'batch' } as const;

/** A line row of order `id` at `time` (UTC), as a line-level export repeats the order on each line. */
function row(line: number, id: string, time: string, sku = `SKU${line}`): CanonicalOrder {
  return {
    line, source: 'import', externalId: id, customer: [{ kind: 'external', namespace: 'import', value: 'C1' }],
    orderedAt: new Date(`2010-12-01T${time}Z`), currency: 'GBP', totalMinor: null, refundedMinor: 0, discountMinor: 0,
    promotionCode: null, channel: 'web', status: 'paid', recipient: null, location: null,
    orderLine: { lineNo: null, sku, productName: null, category: null, quantity: 1, unitPriceMinor: 100 },
  };
}

describe('rows of one order stamped at slightly different times', () => {
  it.each([
    { case: 'a till stamping a long invoice across a minute (UCI invoice 536591)', times: ['16:57:00', '16:57:00', '16:58:00'] },
    { case: 'rows exactly five minutes apart', times: ['16:55:00', '17:00:00'] },
    { case: 'the earliest time on a later row', times: ['16:58:00', '16:56:30', '17:01:30'] },
  ])('keeps one order at its earliest time: $case', ({ times }) => {
    const { groups, rejects } = groupOrderRows(times.map((time, index) => row(index + 2, '536591', time)), retailFile);
    expect(rejects).toEqual([]);
    expect(groups).toHaveLength(1);
    const earliest = [...times].sort()[0];
    expect(groups[0].order.orderedAt.toISOString()).toBe(`2010-12-01T${earliest}.000Z`);
    expect(groups[0].order.line).toBe(2);
    expect(groups[0].lines).toHaveLength(times.length);
    expect(groups[0].totalMinor).toBe(100 * times.length);
  });

  it('rejects every row of an order whose rows lie more than five minutes apart, naming the earliest and the latest', () => {
    const { groups, rejects } = groupOrderRows([row(2, 'A1', '16:55:00'), row(3, 'A1', '16:57:00'), row(4, 'A1', '17:00:01'), row(5, 'B2', '09:00:00')], retailFile);
    expect(groups.map((group) => group.order.externalId)).toEqual(['B2']);
    expect(rejects.map((reject) => [reject.line, reject.field, reject.code])).toEqual([
      [2, 'ordered_at', 'ORDER_ROWS_DISAGREE'], [3, 'ordered_at', 'ORDER_ROWS_DISAGREE'], [4, 'ordered_at', 'ORDER_ROWS_DISAGREE'],
    ]);
    expect(rejects[0].params).toEqual({
      order: 'A1', field: 'ordered_at', firstLine: 2, firstValue: '2010-12-01T16:55:00.000Z', line: 4, value: '2010-12-01T17:00:01.000Z', maximumMinutes: 5,
    });
    expect(rejects[0].reason).toBe('Rows of order A1 disagree on ordered_at: line 2 has "2010-12-01T16:55:00.000Z", line 4 "2010-12-01T17:00:01.000Z", '
      + 'more than 5 minutes apart, so they are likely two orders sharing an id (rows of one order up to 5 minutes apart are one order, at its earliest time). '
      + 'Give each order its own id, or the rows of one order times at most that far apart.');
  });

  it('measures from the earliest to the latest row, not from the first row: rows each within five minutes of the first can still be too far apart', () => {
    const { groups, rejects } = groupOrderRows([row(2, 'A1', '17:00:00'), row(3, 'A1', '16:56:00'), row(4, 'A1', '17:04:00')], retailFile);
    expect(groups).toEqual([]);
    expect(rejects[0].params).toMatchObject({ firstLine: 3, line: 4 });
  });

  it('still rejects rows of one order that name different customers, however close their times', () => {
    const other = { ...row(3, 'A1', '16:57:00'), customer: [{ kind: 'external' as const, namespace: 'import', value: 'C2' }] };
    const { groups, rejects } = groupOrderRows([row(2, 'A1', '16:57:00'), other], retailFile);
    expect(groups).toEqual([]);
    expect(rejects.map((reject) => reject.field)).toEqual(['customer_id', 'customer_id']);
  });
});

describe('rows of an API batch sent without its file\'s lines', () => {
  it('names a repeated order id\'s first row as an item of the batch, not a line of a file', () => {
    const whole = (line: number, totalMinor = 500) => ({ ...row(line, 'A1', '10:00:00'), orderLine: null, totalMinor });
    expect(groupOrderRows([whole(1), whole(3, 600)], apiBatch).rejects).toEqual([expect.objectContaining({
      line: 3, code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'A1', firstLine: 1, column: 'amount', value: '6.00', firstValue: '5.00' },
      reason: 'Duplicate order id A1 with a different amount: 6.00 here, 5.00 as item 1 of this batch. Keep one row per order.',
    })]);
    expect(groupOrderRows([whole(1), whole(3, 600)], retailFile).rejects[0].reason).toBe('Duplicate order id A1 with a different amount: 6.00 here, 5.00 on line 1 of this file. Keep one row per order.');
  });

  it('names the rows of an order that disagree as items', () => {
    const other = { ...row(2, 'A1', '10:00:00'), customer: [{ kind: 'email' as const, value: 'dewi@example.com' }] };
    const first = { ...row(1, 'A1', '10:00:00'), customer: [{ kind: 'email' as const, value: 'ana@example.com' }] };
    expect(groupOrderRows([first, other], apiBatch).rejects[0].reason)
      .toBe('Rows of order A1 disagree on customer_email: item 1 has "ana@example.com", item 2 "dewi@example.com". Give every row of an order the same order fields.');
  });
});

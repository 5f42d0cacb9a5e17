import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { orderKeyOf, type CanonicalOrder, type ImportEntity } from '../canonical.js';
import { parseFile, rowsFromRecords, type ParseFileOptions } from './parse-file.js';
import { testContext } from './test-context.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-unreadable-rows-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let written = 0;
const file = (content: string | Buffer) => {
  const path = join(directory, `file-${(written += 1)}.csv`);
  writeFileSync(path, content);
  return path;
};

async function parseAll(entity: ImportEntity, path: string, options: Partial<ParseFileOptions> = {}) {
  const batches = [];
  for await (const batch of parseFile(entity, path, { context: testContext, ...options })) batches.push(batch);
  return {
    batches,
    rows: batches.flatMap((batch) => batch.rows) as CanonicalOrder[],
    rejects: batches.flatMap((batch) => batch.rejects),
    rejectedOrderKeys: batches.flatMap((batch) => batch.rejectedOrderKeys),
  };
}

const shopifyHeader = 'Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku';

describe('a row the reader cannot read takes its order with it', () => {
  it('rejects a Shopify order whole when its second row has one comma too many, and names the order for the order counts', async () => {
    const path = file([
      shopifyHeader,
      '#1001,ana@example.com,paid,EUR,50.00,2024-03-01 10:15:22 +0100,1,Coffee beans,30.00,BEAN-1',
      '#1001,,,,,,1,Mug,20.00,MUG-1,',
      '#1002,budi@example.com,paid,EUR,10.00,2024-03-02 10:00:00 +0100,1,Socks,10.00,SO-4',
    ].join('\n'));
    const { rows, rejects, rejectedOrderKeys } = await parseAll('orders', path, { preset: 'shopify-orders' });
    expect(rows.map((row) => [row.line, row.externalId])).toEqual([[4, '#1002']]);
    expect(rejects.map((reject) => [reject.line, reject.code, reject.params])).toEqual([
      [2, 'ORDER_ROW_REJECTED', { line: 3, order: '#1001' }],
      [3, 'ROW_COLUMN_COUNT', { line: 3, values: 11, columns: 10, delimiter: ',' }],
    ]);
    expect(rejects[0].reason).toContain('fix line 3');
    expect(rejectedOrderKeys).toEqual([orderKeyOf('shopify', '#1001')]);
  });

  it('names the order of a row with an unclosed quote or bytes that are not UTF-8 in a file of one row per order', async () => {
    const path = file(Buffer.concat([
      Buffer.from('order_id,customer_id,ordered_at,amount,note\n'),
      Buffer.from('U1,c1,2024-03-01,10,ok\n'),
      Buffer.from('U2,c1,2024-03-01,10,Jos'), Buffer.from([0xe9]), Buffer.from('\n'),
      Buffer.from('U3,c1,2024-03-01,10,"never closed\n'),
    ]));
    const { rows, rejects, rejectedOrderKeys } = await parseAll('orders', path);
    expect(rows.map((row) => row.externalId)).toEqual(['U1']);
    expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([[3, 'ROW_NOT_UTF8'], [4, 'ROW_QUOTE_UNCLOSED']]);
    expect(rejectedOrderKeys).toEqual([orderKeyOf('test', 'U2'), orderKeyOf('test', 'U3')]);
  });

  it('finds no order where the id cannot be read: a row that ends before the id column, an id cut off by a quote, with bad bytes, or computed by a preset', async () => {
    const short = await parseAll('orders', file([
      'customer_id,ordered_at,sku,order_id,quantity,unit_price',
      'c1,2024-03-01,A,S1,1,10', 'c1,2024-03-01,B', 'c1,2024-03-01,C,"S1', 'c1,2024-03-01,D,S\u00e9,1,10,',
    ].join('\n')));
    expect(short.rejects.map((reject) => [reject.line, reject.code])).toEqual([[3, 'ROW_COLUMN_COUNT'], [4, 'ROW_QUOTE_UNCLOSED']]);
    expect(short.rows.map((row) => row.line)).toEqual([2]);
    expect(short.rejectedOrderKeys).toEqual([]);
    const notUtf8 = await parseAll('orders', file(Buffer.concat([
      Buffer.from('order_id,customer_id,ordered_at,sku,quantity,unit_price\nN1,c1,2024-03-01,A,1,10\nN'), Buffer.from([0xe9]), Buffer.from(',c1,2024-03-01,B,1,10\n'),
    ])));
    expect(notUtf8.rows.map((row) => row.line)).toEqual([2]);
    expect(notUtf8.rejectedOrderKeys).toEqual([]);
    // groceries' baskets are member and day, which the preset computes: a broken row names none
    const groceries = await parseAll('orders', file('Member_number,Date,itemDescription\n1808,21-07-2015,tropical fruit\n1808,21-07-2015,whole milk,extra\n'), { preset: 'groceries' });
    expect(groceries.rows).toHaveLength(1);
    expect(groceries.rejectedOrderKeys).toEqual([]);
  });

  it('keeps a broken row, and a row with a bad field, in the batch of the order it continues, so the order is rejected whole at a batch boundary', async () => {
    const path = file([
      'order_id,customer_id,ordered_at,sku,quantity,unit_price',
      'X1,c1,2024-03-01,A,1,10',
      'A1,c1,2024-03-01,A,1,10', 'A1,c1,2024-03-01,B,1,10,extra', 'A1,c1,2024-03-01,C,1,10',
      'Z1,c1,2024-03-01,A,1,10',
      'B1,c1,2024-03-01,A,1,10', 'B1,c1,2024-03-01,B,x,10', 'B1,c1,2024-03-01,C,1,10',
      'Y1,c1,2024-03-01,A,1,10',
    ].join('\n'));
    // batches of 2 rows: the bad rows of A1 and B1 each come when their batch is full
    const { batches, rows, rejects } = await parseAll('orders', path, { batchSize: 2 });
    expect(batches.map((batch) => batch.rows.length + batch.rejects.length)).toEqual([4, 4, 1]);
    expect(rows.map((row) => row.externalId)).toEqual(['X1', 'Z1', 'Y1']);
    expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([
      [3, 'ORDER_ROW_REJECTED'], [4, 'ROW_COLUMN_COUNT'], [5, 'ORDER_ROW_REJECTED'],
      [7, 'ORDER_ROW_REJECTED'], [8, 'QUANTITY_UNREADABLE'], [9, 'ORDER_ROW_REJECTED'],
    ]);
  });

  it('names the order of an API item whose field holds an array, and rejects the order\'s other items', () => {
    const items = [
      { order_id: 'J1', customer_id: 'c1', ordered_at: '2024-03-01', sku: 'A', unit_price: '10' },
      { order_id: 'J1', customer_id: 'c1', ordered_at: '2024-03-01', sku: ['B'], unit_price: '10' },
      { order_id: 'J2', customer_id: 'c1', ordered_at: '2024-03-01', sku: 'A', unit_price: '10' },
    ];
    const result = rowsFromRecords('orders', items, { context: testContext });
    expect(result.rows.map((row) => (row as CanonicalOrder).externalId)).toEqual(['J2']);
    expect(result.rejects.map((reject) => [reject.line, reject.code])).toEqual([[1, 'ORDER_ROW_REJECTED'], [2, 'FIELD_NOT_SCALAR']]);
    expect(result.rejectedOrderKeys).toEqual([orderKeyOf('test', 'J1')]);
  });

  // the review's nested-guess.jsonl: the JSON text of the object became the identity import:{"email":"x@y.lv"}
  it('refuses a JSON object or list under a column read as a field by its guessed name, in a file and in an API batch, as under the field\'s own name', async () => {
    const records = [
      { order_id: 'J1', ordered_at: '2026-04-01', customer_email: 'marta@example.lv', amount: 12, meta: { utm: 'fb' } },
      { order_id: 'J2', ordered_at: '2026-04-01', customer: { email: 'x@y.lv' }, customer_email: 'x@y.lv', amount: 20 },
      { order_id: 'J3', ordered_at: '2026-04-01', customer: ['c7'], customer_email: 'c7@y.lv', amount: 20 },
    ];
    const jsonl = file(records.map((record) => JSON.stringify(record)).join('\n'));
    const fromFile = await parseAll('orders', jsonl, { format: 'jsonl' });
    // a batch guesses no columns; one mapped by hand is read as its field all the same
    const fromBatch = rowsFromRecords('orders', records, { context: testContext, mapping: { customer_id: 'customer' } });
    for (const result of [fromFile, fromBatch]) {
      expect(result.rows.map((row) => (row as CanonicalOrder).externalId)).toEqual(['J1']);
      expect(result.rejects.map((reject) => [reject.line, reject.field, reject.code, reject.params])).toEqual([
        [2, 'customer_id', 'FIELD_NOT_SCALAR', { line: 2, field: 'customer' }], [3, 'customer_id', 'FIELD_NOT_SCALAR', { line: 3, field: 'customer' }],
      ]);
    }
    expect(fromFile.rejects[1].reason).toBe('"customer" holds a list (JSON array), but it is read as customer_id, which takes one value; give a single value for customer: text, a number or true/false');
  });
});

describe('the raw text of a rejected row', () => {
  it('is the row as written in its file: its delimiter, its quotes', async () => {
    const path = file([
      'order_id;customer_email;ordered_at;amount;currency;note',
      'A2;anna@example.lv;01.04.2024;1.234,50;XYZ;Tea',
      'A3;b@example.lv;01.04.2024;"8,00";EUR;"a ""b"" c"',
      'A4;c@example.lv;31.04.2024;"8,00";EUR;x',
    ].join('\n'));
    const { rejects } = await parseAll('orders', path, { dateFormat: 'dd.MM.yyyy' });
    expect(rejects.map((reject) => [reject.line, reject.raw])).toEqual([
      [2, 'A2;anna@example.lv;01.04.2024;1.234,50;XYZ;Tea'],
      [4, 'A4;c@example.lv;31.04.2024;"8,00";EUR;x'],
    ]);
  });

  it('is the line as written in a JSON Lines file', async () => {
    const line = '{"order_id": "J1",  "customer_id": "c1", "ordered_at": "2024-03-01", "amount": "abc"}';
    const path = join(directory, 'orders.jsonl');
    writeFileSync(path, `${line}\n`);
    const { rejects } = await parseAll('orders', path);
    expect(rejects.map((reject) => [reject.line, reject.field, reject.raw])).toEqual([[1, 'amount', line]]);
  });

  it('is the row as written when an order totalled from its lines is refused for its refund', async () => {
    const path = file([
      'order_id;customer_id;ordered_at;refunded_amount;sku;quantity;unit_price',
      'R1;c1;2024-03-01;"500,00";S1;1;"100,00"',
    ].join('\n'));
    const { rejects } = await parseAll('orders', path);
    expect(rejects.map((reject) => [reject.field, reject.raw])).toEqual([['refunded_amount', 'R1;c1;2024-03-01;"500,00";S1;1;"100,00"']]);
  });
});

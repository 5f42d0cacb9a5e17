import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { batchSizeOutcomes } from '../../test/helpers/batch-size-outcomes.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importFile } from './import-file.service.js';

const files = scratchFiles('repeated-rows-across-batches');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);
const jsonLines = (lines: string[]) => files.file(`file-${(written += 1)}.jsonl`, `${lines.join('\n')}\n`);

// A repeat is judged by the text of the row it repeats whichever batch that row was in: the same
// file gives the same counts and rejects at any batch size.
describeEachStore('a repeat of a row an earlier batch stored', (context) => {
  const db = () => context.store.db;
  const atEveryBatchSize = batchSizeOutcomes(db, 'orders', csv);

  it('counts an exact repeat as unchanged when the file has a column no field reads', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,ordered_at,amount,warehouse_note',
      `${id}A1,${id}R1,2024-06-01T10:00:00Z,100,fragile`,
      `${id}A2,${id}R2,2024-06-02T10:00:00Z,200,`,
      `${id}A1,${id}R1,2024-06-01T10:00:00Z,100,fragile`,
      `${id}A2,${id}R2,2024-06-02T10:00:00Z,200,`,
    ]);
    expect(outcome).toEqual({
      counts: { read: 4, inserted: 2, updated: 0, unchanged: 2, rejected: 0 },
      orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
      reasons: [],
    });
    // what the imports remembered of their rows went with them
    const remembered = await sql<{ rows: number }>`select count(*)::int as rows from import_row_text`.execute(db());
    expect(remembered.rows).toEqual([{ rows: 0 }]);
  });

  it('rejects a repeat that differs only in the customer_name, which the order does not store, naming it', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,customer_name,ordered_at,amount',
      `${id}C1,${id}S1,Ann,2024-06-01T10:00:00Z,100`,
      `${id}C2,${id}S2,Bea,2024-06-02T10:00:00Z,200`,
      `${id}C1,${id}S1,Anna,2024-06-01T10:00:00Z,100`,
      `${id}C1,${id}S1,Ann,2024-06-01T10:00:00Z,100`,
    ]);
    expect(outcome.counts).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 1, rejected: 1 });
    expect(outcome.orders).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(outcome.reasons).toEqual([
      [4, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id C1 with a different customer_name: "Anna" here, … on line 2 of this file. Keep one row per order.'],
    ]);
    // the first row's name stays: a rejected row writes nothing
    const names = await db().selectFrom('customer_order as o').innerJoin('customer as c', 'c.customer_id', 'o.customer_id')
      .select('c.name').where('o.external_id', 'ilike', '%C1').execute();
    expect(names.map((row) => row.name)).toEqual(['Ann', 'Ann', 'Ann']);
  });

  it('rejects a repeat naming another customer as a duplicate of the row that stored the order, at any batch size', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,ordered_at,amount',
      `${id}OC1,${id}OT1,2024-06-01T10:00:00Z,100`,
      `${id}OC1,${id}OT2,2024-06-01T10:00:00Z,100`,
    ]);
    expect(outcome.counts).toEqual({ read: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(outcome.reasons).toEqual([
      [3, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id OC1 with a different customer_id: "OT2" here, … on line 2 of this file. Keep one row per order.'],
    ]);
  });

  it('rejects a repeat that differs only in a column no field reads, naming the column', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,ordered_at,amount,warehouse_note',
      `${id}E1,${id}U1,2024-06-01T10:00:00Z,100,fragile`,
      `${id}E2,${id}U2,2024-06-02T10:00:00Z,200,`,
      `${id}E1,${id}U1,2024-06-01T10:00:00Z,100,`,
      `${id}E2,${id}U2,2024-06-02T10:00:00Z,200,keep dry`,
    ]);
    expect(outcome.counts).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [4, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id E1 with a different warehouse_note: none here, … on line 2 of this file. Keep one row per order.'],
      [5, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id E2 with a different warehouse_note: "keep dry" here, … on line 3 of this file. Keep one row per order.'],
    ]);
  });

  it('rejects a repeat written otherwise in a stored field (an amount with decimals) as in one batch', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,ordered_at,amount',
      `${id}D1,${id}T1,2024-06-01T10:00:00Z,100`,
      `${id}D2,${id}T1,2024-06-02T10:00:00Z,200`,
      `${id}D1,${id}T1,2024-06-01T10:00:00Z,100.00`,
    ]);
    expect(outcome.counts).toEqual({ read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(outcome.reasons).toEqual([
      [4, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id D1 with a different amount: "100.00" here, … on line 2 of this file. Keep one row per order.'],
    ]);
  });

  it('names the row that stored the order when a row differs from an earlier batch\'s repeat of it in its batch', async () => {
    // at batch size 2 the rows on lines 4 and 5 (and 8 and 9, …) share a batch: the second is judged against the row
    // that stored the order (line 2, 6, …), whether the first repeats it exactly (G1, K1) or otherwise (H1, L1), as in one batch
    const outcome = await atEveryBatchSize((id) => [
      'order_id,customer_id,customer_name,ordered_at,amount',
      `${id}G1,${id}W1,Ann,2024-06-01T10:00:00Z,100`,
      `${id}G2,${id}W2,Bea,2024-06-02T10:00:00Z,200`,
      `${id}G1,${id}W1,Ann,2024-06-01T10:00:00Z,100`,
      `${id}G1,${id}W1,Ann,2024-06-01T10:00:00Z,150`,
      `${id}H1,${id}X1,Cid,2024-06-03T10:00:00Z,300`,
      `${id}H2,${id}X2,Dan,2024-06-04T10:00:00Z,400`,
      `${id}H1,${id}X1,Cid,2024-06-03T10:00:00Z,310`,
      `${id}H1,${id}X1,Cid,2024-06-05T10:00:00Z,300`,
      `${id}K1,${id}Y1,Eve,2024-06-06T10:00:00Z,500`,
      `${id}K2,${id}Y2,Fay,2024-06-07T10:00:00Z,600`,
      `${id}K1,${id}Y1,Eve,2024-06-06T10:00:00Z,500`,
      `${id}K1,${id}Y1,Eva,2024-06-06T10:00:00Z,500`,
      `${id}L1,${id}Z1,Gus,2024-06-08T10:00:00Z,700`,
      `${id}L2,${id}Z2,Hal,2024-06-09T10:00:00Z,800`,
      `${id}L1,${id}Z1,Gus,2024-06-08T10:00:00Z,710`,
      `${id}L1,${id}Z1,Guy,2024-06-08T10:00:00Z,700`,
    ]);
    expect(outcome.counts).toEqual({ read: 16, inserted: 8, updated: 0, unchanged: 2, rejected: 6 });
    expect(outcome.orders).toEqual({ inserted: 8, updated: 0, unchanged: 0, rejected: 0 });
    const duplicate = (line: number, order: string, difference: string, firstLine: number) =>
      [line, 'ORDER_DUPLICATE_IN_FILE', `Duplicate order id ${order} with a different ${difference} here, … on line ${firstLine} of this file. Keep one row per order.`];
    expect(outcome.reasons).toEqual([
      duplicate(5, 'G1', 'amount: "150"', 2),
      duplicate(8, 'H1', 'amount: "310"', 6),
      duplicate(9, 'H1', 'ordered_at: "2024-06-05T10:00:00Z"', 6),
      duplicate(13, 'K1', 'customer_name: "Eva"', 10),
      duplicate(16, 'L1', 'amount: "710"', 14),
      duplicate(17, 'L1', 'customer_name: "Guy"', 14),
    ]);
  });

  it('takes a key a JSON record lacks for an empty column, naming it when a repeat lacks or adds it', async () => {
    // within one batch a missing key and an empty value are the same text: a repeat lacking the note the
    // first record gave differs there, one giving an empty note where the first had none does not
    const record = (id: string, order: string, amount: string, note?: string) =>
      JSON.stringify({ order_id: `${id}${order}`, customer_id: `${id}N${order}`, ordered_at: '2024-06-01T10:00:00Z', amount, ...(note === undefined ? {} : { note }) });
    const outcome = await atEveryBatchSize((id) => [
      record(id, 'M1', '100', 'fragile'),
      record(id, 'M2', '200'),
      record(id, 'M1', '100'),
      record(id, 'M2', '200', 'keep dry'),
      record(id, 'M2', '200', ''),
      record(id, 'M1', '100', 'fragile'),
    ], jsonLines);
    expect(outcome.counts).toEqual({ read: 6, inserted: 2, updated: 0, unchanged: 2, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [3, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id M1 with a different note: none here, … on line 1 of this file. Keep one row per order.'],
      [4, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id M2 with a different note: "keep dry" here, … on line 2 of this file. Keep one row per order.'],
    ]);
  });

  it('rejects a repeat whose column that differs its digest cannot tell, naming the columns that may', async () => {
    // a JSON record may give its keys in another order: the digest then tells only that the text differs
    const records = (id: string) => [
      { order_id: `${id}F1`, customer_id: `${id}V1`, customer_name: 'Ann', ordered_at: '2024-06-01T10:00:00Z', amount: '100' },
      { order_id: `${id}F2`, customer_id: `${id}V2`, customer_name: 'Bea', ordered_at: '2024-06-02T10:00:00Z', amount: '200' },
      { customer_name: 'Anna', order_id: `${id}F1`, customer_id: `${id}V1`, ordered_at: '2024-06-01T10:00:00Z', amount: '100' },
      { amount: '100', ordered_at: '2024-06-01T10:00:00Z', customer_name: 'Ann', customer_id: `${id}V1`, order_id: `${id}F1` },
    ];
    const importAt = (batchSize: number) => importFile(db(), {
      ...importDefaults, entity: 'orders', batchSize,
      file: files.file(`records-${batchSize}.jsonl`, `${records(`J${batchSize}`).map((record) => JSON.stringify(record)).join('\n')}\n`),
    });
    const [apart, together] = [await importAt(1), await importAt(10_000)];
    for (const summary of [apart, together]) expect(summary).toMatchObject({ read: 4, inserted: 2, updated: 0, unchanged: 1, rejected: 1 });
    expect(together.rejectsSample.map((reject) => [reject.line, reject.reason])).toEqual([[3,
      'Duplicate order id J10000F1 with a different customer_name: "Anna" here, "Ann" on line 1 of this file. Keep one row per order.']]);
    expect(apart.rejectsSample.map((reject) => [reject.line, reject.reason])).toEqual([[3,
      'Duplicate order id J1F1: its columns are not those of the row on line 1 of this file, or come in another order (this row gives customer_name, order_id, customer_id, '
      + 'ordered_at, amount), so which of its texts differs cannot be told, though every field the order stores is the same. Keep one row per order.']]);
  });
});

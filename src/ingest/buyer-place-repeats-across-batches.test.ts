import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { batchSizeOutcomes } from '../../test/helpers/batch-size-outcomes.js';

// A whole-order row repeating its order with the buyer's place stated otherwise (another city, the
// country by name) is a repeat within one batch (write/repeated-rows.ts); one whose first row an
// earlier batch stored was rejected as a conflicting duplicate, its row text remembered whole. The
// remembered text leaves the place out as the batch's comparison does (orderRowText), so the file
// gives the same counts, rejects and places at any batch size.
const files = scratchFiles('buyer-place-repeats-across-batches');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);
const header = 'order_id,customer_email,customer_city,customer_region,customer_country,ordered_at,amount,warehouse_note';

describeEachStore('a repeat of an earlier batch\'s row stating the buyer\'s place otherwise', (context) => {
  const db = () => context.store.db;
  const atEveryBatchSize = batchSizeOutcomes(db, 'orders', csv);
  const placesOf = async (email: string) => (await sql<{ value: string; city: string | null; region: string | null; country: string | null }>`
    select i.value, c.city, c.region, c.country from customer_identity i join customer c on c.customer_id = i.customer_id
    where i.kind = 'email' and i.value like ${`%${email}`} order by i.value`.execute(db())).rows.map(({ value, ...place }) => [value.split('-')[0], place]);

  it('counts it unchanged, the first row\'s place kept, at batch sizes 1, 2 and all', async () => {
    const outcome = await atEveryBatchSize((id) => [
      header,
      `${id}-P1,${id}-tia@place.lv,Talsi,,LV,2026-03-01,10.00,`,
      `${id}-P2,${id}-ivo@place.lv,,,,2026-03-02,12.00,`,
      `${id}-P1,${id}-tia@place.lv,Tukums,Kurzeme,Latvia,2026-03-01,10.00,`,
      `${id}-P2,${id}-ivo@place.lv,Rīga,,,2026-03-02,12.00,`,
      `${id}-P1,${id}-tia@place.lv,,,,2026-03-01,10.00,`,
    ]);
    expect(outcome).toEqual({
      counts: { read: 5, inserted: 2, updated: 0, unchanged: 3, rejected: 0 },
      orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
      reasons: [],
    });
    const place = (city: string | null, country: string | null) => ({ city, region: null, country });
    expect(await placesOf('tia@place.lv')).toEqual([['b1', place('Talsi', 'LV')], ['b10000', place('Talsi', 'LV')], ['b2', place('Talsi', 'LV')]]);
    expect(await placesOf('ivo@place.lv')).toEqual([['b1', place(null, null)], ['b10000', place(null, null)], ['b2', place(null, null)]]);
  });

  it('still rejects a repeat differing in another column besides the place, naming that column', async () => {
    const outcome = await atEveryBatchSize((id) => [
      header,
      `${id}-Q1,${id}-ann@place.lv,Talsi,,LV,2026-03-01,10.00,fragile`,
      `${id}-Q2,${id}-bea@place.lv,,,,2026-03-02,12.00,`,
      `${id}-Q1,${id}-ann@place.lv,Tukums,,LV,2026-03-01,10.00,keep dry`,
    ]);
    expect(outcome.counts).toEqual({ read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(outcome.reasons).toEqual([
      [4, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id -Q1 with a different warehouse_note: "keep dry" here, … on line 2 of this file. Keep one row per order.'],
    ]);
  });
});

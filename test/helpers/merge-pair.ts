import type { Kysely } from 'kysely';
import { analyze } from '../../src/analytics/index.js';
import { addDays, calendarDayIn, systemClock } from '../../src/core/clock.js';
import { createCustomer } from '../../src/customers/customers.service.js';
import type { Database } from '../../src/db/schema.js';
import { ingestRecords } from '../../src/ingest/ingest-batch.service.js';

const zone = 'Asia/Jakarta';

/**
 * Two customers to merge, Keep and Other (emails `<tag>.keep@…`, `<tag>.other@…`), each with web orders
 * of IDR 150,000 the given numbers of days ago (K1, K2, … and O1, …), and an analysis as of yesterday.
 * `order` makes more of their orders, for a test to send after the merge.
 */
export async function seedMergePair(db: Kysely<Database>, tag: string, daysAgo: { keep: number[]; other: number[] }) {
  const today = calendarDayIn(new Date(), zone);
  const email = (who: string) => `${tag}.${who}@example.com`;
  const keep = await createCustomer(db, { name: `${tag} Keep`, email: email('keep') });
  const other = await createCustomer(db, { name: `${tag} Other`, email: email('other') });
  const order = (id: string, who: string, days: number) => ({
    order_id: `${tag}-${id}`, customer_email: email(who), ordered_at: `${addDays(today, -days)}T09:00:00+07:00`, channel: 'web', amount: '150000',
  });
  const orders = [...daysAgo.keep.map((days, i) => order(`K${i + 1}`, 'keep', days)), ...daysAgo.other.map((days, i) => order(`O${i + 1}`, 'other', days))];
  await ingestRecords(db, 'orders', orders, { actor: 'test', clock: systemClock });
  await analyze(db, { asOf: addDays(today, -1) });
  return { keep, other, today, order };
}

import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from '../db/schema.js';
import { addDays } from '../core/clock.js';
import { calendarDayOf } from '../core/calendar-day.js';
import { reapplyCredits } from '../orders/index.js';
import { rebuildTraits } from '../traits/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { comparedPeriods, startOfDay } from './period.js';
import { figuresForPeriods } from './period-figures.repo.js';
import { revenueSeries } from './store-summary.repo.js';
import { findCreditNotesAsOf } from './credit-notes-as-of.repo.js';

const timeZone = 'Asia/Jakarta';

/**
 * 200 customers' sales over 40 days (some refunded, partly refunded or cancelled), and 150 credit notes over 45
 * days: some before any sale of their customer, some large enough to take whole sales, several per customer.
 */
async function plantStore(db: Kysely<Database>): Promise<void> {
  await updateStoreSettings(db, { timezone: timeZone, data_as_of: null });
  await sql`
    insert into customer (customer_id, name, created_at)
    select i, 'Customer ' || i, timestamptz '2023-12-01 00:00:00+07' from generate_series(1, 200) i`.execute(db);
  await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), 200)`.execute(db);
  await sql`
    insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, channel, status)
    select 1 + abs(hashtext('buyer' || i)) % 200, 'test', 's' || i,
      timestamptz '2024-01-01 00:00:00+07' + (abs(hashtext('day' || i)) % (40 * 24)) * interval '1 hour',
      'IDR', 10000 + i, 10000 + i, case when i % 17 = 0 then 4000 else 0 end, case when i % 3 = 0 then 'store' else 'web' end,
      case when i % 23 = 0 then 'cancelled' when i % 29 = 0 then 'refunded' when i % 17 = 0 then 'partially_refunded' else 'paid' end
    from generate_series(1, 900) i`.execute(db);
  await sql`
    insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, channel, status)
    select 1 + abs(hashtext('returner' || i)) % 200, 'test', 'c' || i,
      timestamptz '2024-01-01 00:00:00+07' + (abs(hashtext('credited' || i)) % (45 * 24)) * interval '1 hour' + interval '30 minutes',
      'IDR', 2000 + (abs(hashtext('worth' || i)) % 20) * 2000, 2000 + (abs(hashtext('worth' || i)) % 20) * 2000, 0, 'web', 'credit_note'
    from generate_series(1, 150) i`.execute(db);
  await reapplyCredits(db, 'all');
  await rebuildTraits(db);
}

/** The store as it would be had the credit notes dated at or after the instant not been made. */
async function dropCreditNotesFrom(db: Kysely<Database>, instant: Date): Promise<void> {
  await sql`delete from order_credit c using customer_order n
    where n.customer_id = c.customer_id and n.order_id = c.credit_order_id and n.status = 'credit_note' and n.ordered_at >= ${instant}::timestamptz`.execute(db);
  await sql`delete from customer_order where status = 'credit_note' and ordered_at >= ${instant}::timestamptz`.execute(db);
  await reapplyCredits(db, 'all');
  await rebuildTraits(db);
}

/**
 * Everything the summary and the revenue report read as of an instant: the key figures of periods ending at it
 * (up to the same time; whole days too when it starts a day), the revenue per day and week (all channels and one)
 * of ranges ending with it, and the unapplied credit notes.
 */
async function reportsAsOf(db: Kysely<Database>, instant: Date) {
  const credits = await findCreditNotesAsOf(db, instant);
  const isDayStart = startOfDay(calendarDayOf(instant, timeZone), timeZone).getTime() === instant.getTime();
  const figures = [];
  for (const days of [1, 7, 30]) {
    figures.push(await figuresForPeriods(db, comparedPeriods(instant, days, timeZone, 'same-time'), timeZone, credits.later));
    if (isDayStart) figures.push(await figuresForPeriods(db, comparedPeriods(new Date(instant.getTime() - 1), days, timeZone, 'whole-days'), timeZone, credits.later));
  }
  const series = [];
  if (isDayStart) {
    const to = calendarDayOf(instant, timeZone);
    for (const granularity of ['day', 'week'] as const) {
      for (const channel of [null, 'web'] as const) series.push(await revenueSeries(db, { from: addDays(to, -45), to }, granularity, { channel, timeZone, later: credits.later }));
    }
  }
  return { hasLaterCredits: credits.later !== null, unapplied: credits.unapplied, figures, series };
}

describeEachStore('the summary and revenue figures as of an instant before some credit notes', (context) => {
  beforeAll(async () => {
    await plantStore(context.store.db);
  }, 120_000);

  it('equal those of the store without the credit notes dated from that instant on', async () => {
    const db = context.store.db;
    // in a day, at the start of one (in the store's zone), and in the last days of the sales
    const instants = ['2024-01-20T05:07:31.250Z', '2024-02-04T17:00:00.000Z', '2024-02-08T10:00:00.000Z'].map((at) => new Date(at));
    const withLaterCredits = new Map<number, Awaited<ReturnType<typeof reportsAsOf>>>();
    for (const instant of instants) withLaterCredits.set(instant.getTime(), await reportsAsOf(db, instant));
    for (const instant of [...instants].reverse()) {
      const asOf = withLaterCredits.get(instant.getTime())!;
      // guards the fixture: credit notes after the instant, and some credit notes left unapplied before it
      expect(asOf.hasLaterCredits).toBe(true);
      expect(asOf.unapplied.creditNotes).toBeGreaterThan(0);
      await dropCreditNotesFrom(db, instant);
      const without = await reportsAsOf(db, instant);
      expect(without.hasLaterCredits).toBe(false);
      expect({ instant, ...asOf, hasLaterCredits: false }).toEqual({ instant, ...without });
    }
  }, 120_000);
});

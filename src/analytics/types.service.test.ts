import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { addDays } from '../core/clock.js';
import { encodeCursor } from '../core/cursor.js';
import { loadAnalysisContext, loadMoneyFormat } from './analysis-context.js';
import { classifyCustomer } from './classify.js';
import { computeVipCutoffs, summarizePurchaseDays, type CustomerFacts } from './customer-facts.js';
import { moneyFormatOf } from './money-format.js';
import { defaultTypePolicy, type TypePolicy } from './policy.js';
import { recordAnalysisRun } from './types.repo.js';
import { typesExplanation } from './type-reasons.js';
import { classifyAllCustomers, classifyCustomersIncremental, customerTypeTimeline, getTypePolicy, listCustomersByType, presetTypePolicy, setTypePolicy } from './types.service.js';
import type { Kysely } from 'kysely';
import { listAlerts } from './alerts/alerts.service.js';
import { customerTimeline } from '../customers/timeline.js';
import type { Database } from '../db/schema.js';

async function runTypes(db: Kysely<Database>, asOf: string) {
  return db.transaction().execute(async (transaction) => {
    const context = await loadAnalysisContext(transaction, asOf);
    const startedAt = new Date();
    const result = await classifyAllCustomers(transaction, context);
    await recordAnalysisRun(transaction, { asOf: context.asOf, policy: context.policy, cutoffs: result.cutoffs, counts: {}, startedAt });
    return result;
  });
}

async function runTypesAsOfInstant(db: Kysely<Database>, day: string): Promise<Date> {
  return (await loadAnalysisContext(db, day)).asOf.instant;
}

/** Stored rows, each with the explanation a reader makes of its numbers in the store's money format. */
async function currentTypes(db: Kysely<Database>) {
  const result = await sql<{ customer_id: number; types: string[]; primary_type: string; numbers: Record<string, Record<string, unknown>> }>`
    select customer_id, types, primary_type, numbers from customer_type order by customer_id`.execute(db);
  const money = await loadMoneyFormat(db);
  return result.rows.map((row) => ({
    customerId: Number(row.customer_id), types: row.types, primaryType: row.primary_type, explanation: typesExplanation(row.types, row.numbers, money),
    numbers: comparableNumbers(row.numbers),
  }));
}

/** Each type's numbers with floats rounded (SQL and TypeScript may differ in the last bits of a variation). */
function comparableNumbers(numbers: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(Object.entries(numbers).map(([type, figures]) => [type, Object.fromEntries(Object.entries(figures)
    .map(([key, value]) => [key, typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value]))]));
}

/** The TypeScript reference over the same fixture. */
function referenceTypes(fixture: SeedStore = typesFixture, policy: TypePolicy = defaultTypePolicy) {
  const verified = fixture.orders.filter((order) => (order.status ?? 'paid') === 'paid' && order.day <= typesAsOf);
  const leadSigns: Record<number, Partial<CustomerFacts>> = {
    9: { firstInterestDay: '2026-05-01', firstInterestChannel: 'web' },
    10: { firstInterestDay: typesAsOf, firstInterestChannel: 'web', firstReceivedDay: typesAsOf },
    11: { firstInterestDay: addDays(typesAsOf, -40), firstInterestChannel: 'marketplace' },
  };
  const facts = fixture.customerIds.map((customerId) => {
    const mine = verified.filter((order) => order.customerId === customerId);
    const days = [...new Set(mine.map((order) => order.day))].map((day) => ({
      day, amountMinor: mine.filter((order) => order.day === day).reduce((sum, order) => sum + order.amountMinor, 0),
    }));
    // every order with its status: a lead's reason counts the refunded and cancelled ones
    const orders = fixture.orders.filter((order) => order.customerId === customerId)
      .map((order) => ({ orderedDay: order.day, hasPromotion: Boolean(order.promotionCode), status: order.status ?? 'paid' }));
    return summarizePurchaseDays({ customerId, ...leadSigns[customerId] }, days, orders, typesAsOf, policy);
  });
  const context = { cutoffs: computeVipCutoffs(facts, policy), money: moneyFormatOf('IDR', 'id') };
  return facts.map((fact) => {
    const result = classifyCustomer(fact, policy, typesAsOf, context);
    return {
      customerId: result.customerId, types: result.types as string[], primaryType: result.primaryType as string, explanation: result.explanation,
      numbers: comparableNumbers(result.numbers as Record<string, Record<string, unknown>>),
    };
  });
}

describeEachStore('customer types', (context) => {
  it('gives the same types and explanations in SQL as the TypeScript rules', async () => {
    await seedStore(context.store.db, typesFixture);
    const result = await runTypes(context.store.db, typesAsOf);
    const actual = await currentTypes(context.store.db);
    expect(actual).toEqual(referenceTypes());
    expect(result.cutoffs.realCustomerCount).toBe(9);
    const byId = new Map(actual.map((row) => [row.customerId, row]));
    expect(byId.get(1)?.types).toEqual(['new']);
    expect(byId.get(5)?.types).toEqual(['at_risk', 'vip']);
    // one VIP of nine real customers: 5% rounds up to a whole customer, 11.1% of them
    expect(byId.get(5)?.explanation).toContain('VIP: revenue in the last 365 days Rp\u00a04.310.000, within the top 11.1% of real customers (5% asked for, rounded up to whole customers; cut-off Rp\u00a04.310.000)');
    expect(byId.get(6)?.explanation).toContain('(promotion-driven)');
    expect(byId.get(10)?.types).toEqual(['lead', 'consumer']);
    expect(byId.get(11)?.explanation).toBe('Lead: 1 order, not verified (1 was cancelled), first interest 2026-05-21 via marketplace — a customer is real once a purchase is paid and not fully refunded');
    expect(byId.get(12)?.types).toEqual(['new']);
    expect(byId.get(13)?.explanation).toBe('Lead: no verified purchase yet, no sign of interest recorded');
  });

  it('judges frequent buyers on random days in SQL as the rules do', async () => {
    const buyOn = (customerId: number, daysAgo: number[]) => daysAgo.map((ago) => ({ customerId, day: addDays(typesAsOf, -ago), amountMinor: 40_000 }));
    const frequent: SeedStore = {
      customerIds: [1, 2, 3, 4, 5],
      orders: [
        ...buyOn(1, [71, 69, 60, 59, 51, 49, 42, 41, 32, 30, 22, 21, 12, 11, 3, 1]),
        ...buyOn(2, [72, 70, 58, 54, 44, 42, 29, 26, 15, 10, 1]),
        ...buyOn(3, [86, 83, 69, 64, 52, 50, 35, 31, 18, 12, 1]),
        ...buyOn(4, [77, 76, 75, 74, 54, 53, 52, 51, 29, 28, 27, 26, 1]),
        // two intervals: too few to judge a rhythm by
        ...buyOn(5, [100, 60, 20]),
      ],
    };
    await seedStore(context.store.db, frequent);
    await runTypes(context.store.db, typesAsOf);
    const actual = await currentTypes(context.store.db);
    expect(actual).toEqual(referenceTypes(frequent));
    // the first spends most of the four: the top 5% of four customers is one
    expect(actual.map((row) => row.types)).toEqual([['vip', 'regular'], ['regular'], ['occasional'], ['occasional'], ['occasional']]);
    expect(actual[0].explanation).toContain('steady for someone who buys at least every 7 days');
    expect(actual[1].numbers.regular).toHaveProperty('frequentWithinDays', 7);
    // each occasional reason states the figure and the limit that decided it
    expect(actual.slice(2).map((row) => row.explanation.replace(/, 0% of orders with a promotion$/, ''))).toEqual([
      'Occasional: 11 purchase days, intervals varying 58% around their average (a regular rhythm needs under 50%)',
      'Occasional: 13 purchase days, intervals varying 153% around their average (a regular rhythm needs under 100% for someone who buys at least every 7 days)',
      'Occasional: 3 purchase days, too few to judge a rhythm by (a regular rhythm needs at least 4)',
    ]);
  });

  it('judges a loyal customer\'s purchase days a year in SQL as the rules do, on both sides of the limit', async () => {
    const buyOn = (customerId: number, daysAgo: number[]) => daysAgo.map((ago) => ({ customerId, day: addDays(typesAsOf, -ago), amountMinor: 40_000 }));
    // a year of bursts from 2025-06-30: 12 intervals over 365 days is exactly 12 a year; one day fewer, 11
    const bursts = [365, 364, 363, 362, 200, 199, 198, 100, 99, 98, 2, 1, 0];
    const loyal: SeedStore = { customerIds: [1, 2, 3], orders: [...buyOn(1, bursts), ...buyOn(2, bursts.filter((ago) => ago !== 99)), ...buyOn(3, bursts.slice(1))] };
    await seedStore(context.store.db, loyal);
    await runTypes(context.store.db, typesAsOf);
    const actual = await currentTypes(context.store.db);
    expect(actual).toEqual(referenceTypes(loyal));
    expect(actual.map((row) => row.types.filter((type) => type !== 'vip'))).toEqual([['loyal'], ['loyal', 'occasional'], ['occasional']]);
    expect(actual[1].numbers.occasional).toMatchObject({ purchaseDaysPerYear: 11, frequentLoyalPurchaseDaysPerYear: 12 });
  });

  it('says how many customers really reach a VIP cut-off when ties there take in more than the share asked for', async () => {
    const buyOn = (customerId: number, daysAgo: number[]) => daysAgo.map((ago) => ({ customerId, day: addDays(typesAsOf, -ago), amountMinor: 50_000 }));
    const ids = Array.from({ length: 20 }, (_, index) => 101 + index);
    // 20 customers judged by purchase days, top 5%: the customer at position 1 has 4 purchase days, and so do two
    // more, so all three are VIP (15% of the customers); the other 17 have 2
    const tied: SeedStore = {
      customerIds: ids,
      orders: ids.flatMap((id) => buyOn(id, id <= 103 ? [100, 70, 40, 10] : [200, 20])),
    };
    await seedStore(context.store.db, tied);
    const policy = await presetTypePolicy(context.store.db, { vip: { basis: 'frequency' } });
    const result = await runTypes(context.store.db, typesAsOf);
    expect(result.cutoffs).toMatchObject({ realCustomerCount: 20, frequencyCutoff: 4, frequencyReachedCount: 3 });
    const actual = await currentTypes(context.store.db);
    expect(actual).toEqual(referenceTypes(tied, policy));
    const vips = actual.filter((row) => row.types.includes('vip'));
    expect(vips.map((row) => row.customerId)).toEqual([101, 102, 103]);
    expect(vips[0].numbers.vip).toMatchObject({ topPercent: 5, frequencyCutoff: 4, vipBy: 'frequency', reachedPercent: 15, isTiedAtCutoff: true });
    expect(vips[0].explanation).toContain('VIP: 4 purchase days in the last 365 days, within the top 15% of real customers (5% asked for; customers tied at the cut-off of 4 all count)');
    // a batch judges against the latest run's cut-off and share, and writes what the run wrote
    await sql`delete from customer_type where customer_id in (101, 104)`.execute(context.store.db);
    await classifyCustomersIncremental(context.store.db, [101, 104], typesAsOf);
    expect(await currentTypes(context.store.db)).toEqual(actual);
  });

  it('keeps the share asked for in a VIP reason when no more customers than that reach the cut-off', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => 101 + index);
    // top 5% of 20 customers by revenue is exactly one: customer 101
    const distinct: SeedStore = {
      customerIds: ids,
      orders: ids.map((id) => ({ customerId: id, day: addDays(typesAsOf, -50), amountMinor: id === 101 ? 1_000_000 : id * 1_000 })),
    };
    await seedStore(context.store.db, distinct);
    const result = await runTypes(context.store.db, typesAsOf);
    expect(result.cutoffs).toMatchObject({ realCustomerCount: 20, revenueCutoffMinor: 1_000_000, revenueReachedCount: 1 });
    const actual = await currentTypes(context.store.db);
    expect(actual).toEqual(referenceTypes(distinct));
    const vips = actual.filter((row) => row.types.includes('vip'));
    expect(vips.map((row) => row.customerId)).toEqual([101]);
    expect(vips[0].numbers.vip).toMatchObject({ reachedPercent: 5, isTiedAtCutoff: false });
    expect(vips[0].explanation).toBe('VIP: revenue in the last 365 days Rp\u00a01.000.000, within the top 5% of real customers (cut-off Rp\u00a01.000.000); One-time buyer: single purchase 2026-05-11');
  });

  it('keeps a dated history of type changes and rewinds when an earlier as-of is re-run', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, '2026-06-25');
    await runTypes(context.store.db, typesAsOf);
    const timeline = await customerTypeTimeline(context.store.db, 5);
    expect(timeline.timeline.map((entry) => [entry.type, entry.leftAt === null])).toEqual([['vip', true], ['regular', false], ['at_risk', true]]);
    expect(timeline.timeline[2].reason).toMatch(/^At risk: last purchase 2026-06-09, usually every 10 days, overdue since 2026-06-30/);
    // the customer's own timeline words the same spell from the same numbers
    const story = await customerTimeline(context.store.db, 5, { limit: 200 });
    const spells = story.items.filter((item) => item.kind === 'type_change' && item.detail.change === 'entered').map((item) => item.detail.reason);
    expect(spells).toContain(timeline.timeline[2].reason);
    expect(spells).toHaveLength(3);
    // and says when a type was left, on the day it was
    const left = story.items.filter((item) => item.kind === 'type_change' && item.detail.change === 'left');
    expect(left.map((item) => [item.title, item.at.toISOString()])).toEqual([['no longer regular', new Date(timeline.timeline[1].leftAt ?? '').toISOString()]]);
    // paged one entry at a time, nothing is lost between two spells entered at the same instant
    const paged: typeof story.items = [];
    let cursor: string | undefined;
    do {
      const page = await customerTimeline(context.store.db, 5, { limit: 1, cursor });
      paged.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.map((item) => [item.kind, item.id, item.title])).toEqual(story.items.map((item) => [item.kind, item.id, item.title]));
    // a cursor of another shape (as before the kind was part of it) is refused, not misread
    await expect(customerTimeline(context.store.db, 5, { limit: 1, cursor: encodeCursor(Date.now(), 1) })).rejects.toThrow(/cursor is not valid/);
    await runTypes(context.store.db, '2026-06-25');
    const rewound = await customerTypeTimeline(context.store.db, 5);
    expect(rewound.timeline.map((entry) => [entry.type, entry.leftAt])).toEqual([['vip', null], ['regular', null]]);
  });

  it('raises customer_overdue on the day a regular becomes overdue, once', async () => {
    await seedStore(context.store.db, typesFixture);
    // customer 5: last purchase 2026-06-09, every 10 days: overdue from 2026-06-30 (21 days > 20)
    await runTypes(context.store.db, '2026-06-29');
    const before = await sql<{ count: number }>`select count(*)::int as count from alert where kind = 'customer_overdue'`.execute(context.store.db);
    expect(before.rows[0].count).toBe(0);
    await runTypes(context.store.db, typesAsOf);
    await runTypes(context.store.db, typesAsOf);
    const alerts = await sql<{ customer_id: number; window_start: Date }>`select customer_id, window_start from alert where kind = 'customer_overdue'`.execute(context.store.db);
    expect(alerts.rows.map((row) => Number(row.customer_id))).toEqual([5]);
    // the alert keeps the at-risk numbers; its reason is made when it is listed
    const listed = (await listAlerts(context.store.db, { kind: 'customer_overdue' })).alerts;
    expect(listed.map((alert) => (alert.explanation as { reason: string }).reason))
      .toEqual(['At risk: last purchase 2026-06-09, usually every 10 days, overdue since 2026-06-30 (more than 20 days after it)']);
    // and says who, as the web app labels customers: by email when they have no name, by their name once known
    await sql`update customer set name = null, email = 'sari@example.com', phone = '+628111' where customer_id = 5`.execute(context.store.db);
    expect((await listAlerts(context.store.db, { kind: 'customer_overdue' })).alerts.map((alert) => alert.customerName)).toEqual(['sari@example.com']);
    await sql`update customer set name = 'Sari Wulandari' where customer_id = 5`.execute(context.store.db);
    const named = (await listAlerts(context.store.db, { kind: 'customer_overdue' })).alerts;
    expect(named.map((alert) => [alert.customerId, alert.customerName])).toEqual([[5, 'Sari Wulandari']]);
    const metric = (await listAlerts(context.store.db, { kind: 'metric_drop' })).alerts;
    expect(metric.every((alert) => alert.customerName === null)).toBe(true);
  });

  it('keeps incremental classification equal to a full run', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    const full = await currentTypes(context.store.db);
    await sql`delete from customer_type where customer_id in (4, 5, 6)`.execute(context.store.db);
    await classifyCustomersIncremental(context.store.db, [4, 5, 6], typesAsOf);
    expect(await currentTypes(context.store.db)).toEqual(full);
  });

  it('rewrites nothing on a same-day re-run and closes the spells of a customer no longer classified', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    const written = await sql<{ customer_id: number; updated_at: Date }>`select customer_id, updated_at from customer_type order by customer_id`.execute(context.store.db);
    const rerun = await runTypes(context.store.db, typesAsOf);
    expect(rerun.history).toEqual({ entered: 0, left: 0 });
    expect((await sql<{ customer_id: number; updated_at: Date }>`select customer_id, updated_at from customer_type order by customer_id`.execute(context.store.db)).rows).toEqual(written.rows);

    await sql`update customer set merged_into_customer_id = 1 where customer_id = 5`.execute(context.store.db);
    const afterMerge = await runTypes(context.store.db, typesAsOf);
    expect(afterMerge.history.left).toBe(2);
    expect(await context.store.db.selectFrom('customer_type').select('customer_id').where('customer_id', '=', 5).executeTakeFirst()).toBeUndefined();
    const open = await sql<{ count: number }>`select count(*)::int as count from customer_type_history where customer_id = 5 and left_at is null`.execute(context.store.db);
    expect(open.rows[0].count).toBe(0);
  });

  it('rewrites the next day only the customers whose types or figures moved, and shows every row as of the latest run', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    const before = await sql<{ customer_id: number; types: string[]; numbers: unknown; updated_at: Date }>`
      select customer_id, types, numbers, updated_at from customer_type order by customer_id`.execute(context.store.db);
    const nextDay = addDays(typesAsOf, 1);
    await runTypes(context.store.db, nextDay);
    const after = await sql<{ customer_id: number; types: string[]; numbers: unknown; updated_at: Date }>`
      select customer_id, types, numbers, updated_at from customer_type order by customer_id`.execute(context.store.db);
    const afterById = new Map(after.rows.map((row) => [Number(row.customer_id), row]));
    const kept = before.rows.filter((row) => JSON.stringify(afterById.get(Number(row.customer_id))?.numbers) === JSON.stringify(row.numbers));
    const moved = before.rows.filter((row) => !kept.includes(row));
    // every customer in the fixture keeps their judgement a day on but the VIPs, whose cut-off moved with the window
    expect(kept.length).toBeGreaterThan(before.rows.length / 2);
    for (const row of kept) expect(afterById.get(Number(row.customer_id))?.updated_at).toEqual(row.updated_at);
    for (const row of moved) expect(afterById.get(Number(row.customer_id))?.updated_at).not.toEqual(row.updated_at);
    const nextDayEnd = (await runTypesAsOfInstant(context.store.db, nextDay)).toISOString();
    const listed = await listCustomersByType(context.store.db, 'new');
    expect(new Set(listed.customers.map((row) => row.asOf))).toEqual(new Set([nextDayEnd]));
    expect((await customerTypeTimeline(context.store.db, Number(kept[0].customer_id))).current?.asOf).toBe(nextDayEnd);
  });

  it('words the reasons in the money format of the moment, rewriting no row', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    const listedVip = async () => (await listCustomersByType(context.store.db, 'vip')).customers.find((row) => row.customerId === 5)!;
    const before = await listedVip();
    expect(before.explanation).toContain('VIP: revenue in the last 365 days Rp\u00a04.310.000, within the top 11.1% of real customers');
    const written = await sql`select customer_id, numbers, updated_at from customer_type order by customer_id`.execute(context.store.db);
    await sql`insert into store_setting (key, value) values ('locale', '"en-US"')`.execute(context.store.db);
    const after = await listedVip();
    expect(after.explanation).not.toContain('Rp\u00a04.310.000');
    expect(after.explanation).toContain('4,310,000');
    expect((await customerTypeTimeline(context.store.db, 5)).current?.explanation).toBe(after.explanation);
    await runTypes(context.store.db, typesAsOf);
    expect((await sql`select customer_id, numbers, updated_at from customer_type order by customer_id`.execute(context.store.db)).rows).toEqual(written.rows);
  });

  it('keeps a new customer free of rhythm types in SQL as in the rules, on both sides of day 30', async () => {
    const rhythms: Record<number, number[]> = { 1: [28, 21, 14, 7], 2: [30, 23, 16, 9], 3: [29, 24, 19, 14], 4: [30, 25, 20, 15] };
    const orders = Object.entries(rhythms).flatMap(([id, days]) => days.map((ago) => ({ customerId: Number(id), day: addDays(typesAsOf, -ago), amountMinor: 100_000 })));
    await seedStore(context.store.db, { customerIds: [1, 2, 3, 4], orders });
    await runTypes(context.store.db, typesAsOf);
    const stored = (await currentTypes(context.store.db)).map((row) => [row.customerId, row.types]);
    // all four spend the same, so all are tied at the VIP cut-off
    expect(stored).toEqual([[1, ['vip', 'new']], [2, ['vip', 'regular']], [3, ['vip', 'new']], [4, ['at_risk', 'vip']]]);
    const facts = Object.entries(rhythms).map(([id, days]) => {
      const purchaseDays = days.map((ago) => ({ day: addDays(typesAsOf, -ago), amountMinor: 100_000 }));
      return summarizePurchaseDays({ customerId: Number(id) }, purchaseDays, [], typesAsOf, defaultTypePolicy);
    });
    const classifying = { cutoffs: computeVipCutoffs(facts, defaultTypePolicy), money: moneyFormatOf('IDR', 'id') };
    expect(stored).toEqual(facts.map((fact) => [fact.customerId, classifyCustomer(fact, defaultTypePolicy, typesAsOf, classifying).types]));
  });

  it('reclassifies as of the latest analysis\'s day when the policy changes without an as-of', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    // a later default (a live store's today) does not move the types off the analysed day
    const changed = await setTypePolicy(context.store.db, { vip: { topPercent: 10 } }, { defaultAsOf: addDays(typesAsOf, 20) });
    expect(changed.asOf).toBe(typesAsOf);
    const days = await sql<{ day: string }>`select distinct to_char(as_of_day, 'YYYY-MM-DD') as day from analysis_run`.execute(context.store.db);
    expect(days.rows.map((row) => row.day)).toEqual([typesAsOf]);
    // an explicit as-of still wins
    expect((await setTypePolicy(context.store.db, { vip: { topPercent: 5 } }, { asOf: addDays(typesAsOf, 1) })).asOf).toBe(addDays(typesAsOf, 1));
  });

  it('reclassifies everyone when the policy changes and rejects an invalid policy', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, typesAsOf);
    expect((await listCustomersByType(context.store.db, 'new')).total).toBe(3);
    const { policy } = await setTypePolicy(context.store.db, { newWithinDays: 31 }, { asOf: typesAsOf });
    expect(policy.newWithinDays).toBe(31);
    expect((await getTypePolicy(context.store.db)).newWithinDays).toBe(31);
    expect((await listCustomersByType(context.store.db, 'new')).total).toBe(4);
    await expect(setTypePolicy(context.store.db, { vip: { topPercent: 0 } })).rejects.toThrow(/vip\.topPercent/);
    await expect(listCustomersByType(context.store.db, 'whale')).rejects.toThrow(/Unknown customer type/);
  });

  // Two connections at once are a server's: the embedded store runs one transaction at a time.
  if (context.kind === 'server') {
    it('compares like any other day the rows another transaction wrote while a first run was writing', async () => {
      const db = context.store.db;
      await seedStore(db, typesFixture);
      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => { commit = resolve; });
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => { wrote = resolve; });
      // an import batch judging customer 5 by other rules, not yet committed when the run looks
      const batch = db.transaction().execute(async (transaction) => {
        await sql`insert into customer_type (customer_id, types, primary_type, numbers, as_of) values (5, array['lead'], 'lead', '{}', now())`.execute(transaction);
        await sql`insert into customer_type_history (customer_id, type, entered_at, numbers) values (5, 'lead', '2026-06-01', '{}')`.execute(transaction);
        wrote();
        await mayCommit;
      });
      await written;
      let run: ReturnType<typeof runTypes> | undefined;
      try {
        run = runTypes(db, typesAsOf);
        // the run's lock on the types tables waits for the batch
        await expect.poll(async () => (await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks where mode = 'AccessExclusiveLock' and not granted
            and relation in ('customer_type'::regclass, 'customer_type_history'::regclass)`.execute(db)).rows[0].waiting,
        { timeout: 5_000 }).toBe(1);
      } finally {
        commit();
        await batch;
      }
      const result = await run!;
      expect(result.customers).toBe(typesFixture.customerIds.length);
      expect(await currentTypes(db)).toEqual(referenceTypes());
      const spells = await sql<{ type: string; is_open: boolean }>`
        select type, left_at is null as is_open from customer_type_history where customer_id = 5 order by history_id`.execute(db);
      expect(spells.rows).toEqual([{ type: 'lead', is_open: false }, { type: 'at_risk', is_open: true }, { type: 'vip', is_open: true }]);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../core/clock.js';
import { classifyCustomer, type ClassifyContext } from './classify.js';
import { computeVipCutoffs, summarizePurchaseDays, type OrderFact } from './customer-facts.js';
import { moneyFormatOf } from './money-format.js';
import { defaultTypePolicy as policy, mergePolicy, parseTypePolicy } from './policy.js';

const asOf = '2026-06-30';
const noVip: ClassifyContext = { cutoffs: { realCustomerCount: 100, revenueCutoffMinor: 10_000_000, frequencyCutoff: 50 }, money: moneyFormatOf('IDR', 'id') };

/** Purchase days given as "days before the as-of day", each worth 100,000. */
function factsFor(daysAgo: number[], options: { orders?: OrderFact[]; pAlive?: number | null } = {}) {
  const days = daysAgo.map((ago) => ({ day: addDays(asOf, -ago), amountMinor: 100_000 }));
  const orders = options.orders ?? days.map((entry) => ({ orderedDay: entry.day, hasPromotion: false }));
  return summarizePurchaseDays({ customerId: 1, pAlive: options.pAlive ?? null }, days, orders, asOf, policy);
}

const classify = (daysAgo: number[], options: Parameters<typeof factsFor>[1] = {}, context = noVip) =>
  classifyCustomer(factsFor(daysAgo, options), policy, asOf, context);

describe('classifyCustomer', () => {
  it.each([
    { name: 'a buyer with one purchase today is new', days: [0], types: ['new'] },
    { name: 'a first purchase 29 days ago is still new (day N-1)', days: [29], types: ['new'] },
    { name: 'a first purchase 30 days ago is no longer new (day N)', days: [30], types: ['one_time'] },
    { name: 'a single purchase 180 days ago is a one-time buyer, not lapsed', days: [180], types: ['one_time'] },
    { name: 'a single purchase 181 days ago is lapsed', days: [181], types: ['lapsed'] },
    { name: 'a repeat buyer inside the first 30 days is new, not occasional', days: [20, 3], types: ['new'] },
    { name: 'four purchases 30 days apart are regular', days: [90, 60, 30, 0], types: ['regular'] },
    { name: 'three intervals are needed for a regular rhythm', days: [60, 30, 0], types: ['occasional'] },
    { name: 'an irregular repeat buyer is occasional', days: [200, 150, 140, 40, 5], types: ['occasional'] },
  ])('$name', ({ days, types }) => {
    expect(classify(days).types).toEqual(types);
  });

  // purchase days on random days of the week vary near 0.75 however often they come; bursts with pauses above 1
  it.each([
    { name: 'a frequent buyer on random days (usual gap 2 days, variation 76%) is regular', days: [71, 69, 60, 59, 51, 49, 42, 41, 32, 30, 22, 21, 12, 11, 3, 1], types: ['regular'] },
    { name: 'a usual gap of exactly 7 days (variation 61%) is frequent', days: [72, 70, 58, 54, 44, 42, 29, 26, 15, 10, 1], types: ['regular'] },
    { name: 'a usual gap of 8.5 days with the same variation (59%) is occasional', days: [86, 83, 69, 64, 52, 50, 35, 31, 18, 12, 1], types: ['occasional'] },
    { name: 'bursts of daily purchases with long pauses (variation 153%) are occasional', days: [77, 76, 75, 74, 54, 53, 52, 51, 29, 28, 27, 26, 1], types: ['occasional'] },
  ])('$name', ({ days, types }) => {
    expect(classify(days).types).toEqual(types);
  });

  it('says when the frequent-buyer rule made someone regular, and the rule can be turned off', () => {
    const frequent = [71, 69, 60, 59, 51, 49, 42, 41, 32, 30, 22, 21, 12, 11, 3, 1];
    expect(classify(frequent).explanation).toBe('Regular: buys about every 2 days over 15 intervals; variation 76%, steady for someone who buys at least every 7 days');
    expect(classify([90, 60, 30, 0]).numbers.regular).not.toHaveProperty('frequentWithinDays');
    const off = parseTypePolicy(mergePolicy(policy, { regular: { frequentWithinDays: 0 } }));
    expect(classifyCustomer(factsFor(frequent), off, asOf, noVip).types).toEqual(['occasional']);
  });

  it.each([
    { name: 'a weekly buyer in their first 30 days is new, not yet regular', days: [28, 21, 14, 7], types: ['new'] },
    { name: 'the same rhythm is regular from day 30 on', days: [30, 23, 16, 9], types: ['regular'] },
    { name: 'a broken rhythm in the first 30 days is still new, not at risk', days: [29, 24, 19, 14], types: ['new'] },
    { name: 'the same broken rhythm is at risk from day 30 on', days: [30, 25, 20, 15], types: ['at_risk'] },
  ])('$name: new combines with no rhythm type', ({ days, types }) => {
    expect(classify(days).types).toEqual(types);
  });

  it('marks a regular as at risk the day after 2 × their median interval, not on it', () => {
    // median interval 10 days, last purchase 20 days ago: exactly at the limit
    expect(classify([50, 40, 30, 20]).types).toEqual(['regular']);
    const overdue = classify([51, 41, 31, 21]);
    expect(overdue.types).toEqual(['at_risk']);
    expect(overdue.explanation).toBe('At risk: last purchase 2026-06-09, usually every 10 days, overdue since 2026-06-30 (more than 20 days after it)');
    expect(overdue.numbers.at_risk).toMatchObject({ lastPurchaseDay: '2026-06-09', overdueDay: '2026-06-30', overdueAfterDays: 20 });
  });

  it('names days rather than counting days since, so an unchanged judgement reads the same tomorrow', () => {
    const today = classify([51, 41, 31, 21]);
    const facts = summarizePurchaseDays({ customerId: 1 }, [51, 41, 31, 21].map((ago) => ({ day: addDays(asOf, -ago), amountMinor: 100 })), [], addDays(asOf, 1), policy);
    const tomorrow = classifyCustomer(facts, policy, addDays(asOf, 1), noVip);
    expect(tomorrow.types).toEqual(today.types);
    expect(tomorrow.explanation).toBe(today.explanation);
    expect(tomorrow.numbers).toEqual(today.numbers);
    expect(classify([400, 390, 380, 181]).explanation).toBe('Lapsed: no purchase since 2025-12-31 (limit 180 days)');
    expect(classify([10]).explanation).toBe('New: first purchase 2026-06-20');
    expect(classify([100]).explanation).toBe('One-time buyer: single purchase 2026-03-22');
  });

  it('keeps at risk apart from lapsed: past the quiet period a customer is lapsed only', () => {
    expect(classify([400, 390, 380, 181]).types).toEqual(['lapsed']);
  });

  it('uses P(alive) instead of the quiet period when the models provide it', () => {
    // a repeat buyer quiet for 250 days: the model's P(alive) decides, not the 180 quiet days
    expect(classify([300, 250], { pAlive: 0.8 }).types).not.toContain('lapsed');
    // a one-time buyer: BG/NBD's P(alive) is 1 whatever the silence, so the quiet days decide
    expect(classify([300], { pAlive: 0.8 }).types).toEqual(['lapsed']);
    expect(classify([100], { pAlive: 0.1 }).types).toEqual(['one_time']);
    const lapsed = classify([200, 190], { pAlive: 0.29 });
    expect(lapsed.types).toEqual(['lapsed']);
    // named as the prediction card names P(alive), with when they last bought
    expect(lapsed.explanation).toBe('Lapsed: chance still active 29% (below 30%), last purchase 2025-12-22 after 2 purchase days');
    // a chance the model does not rule out is never shown as 0%
    expect(classify([400, 300, 200], { pAlive: 0.001 }).explanation).toBe('Lapsed: chance still active <1% (below 30%), last purchase 2025-12-12 after 3 purchase days');
    expect(classify([40, 35], { pAlive: 0.3 }).types).toEqual(['occasional']);
  });

  // BG/NBD's P(alive) collapses for a heavy buyer after a few quiet weeks (CDNOW: most came back)
  describe('P(alive) judges only after more than lapsed.pAliveMinQuietDays (180) quiet days', () => {
    // twelve weekly purchase days, the last `quiet` days before the as-of day: usually every 7 days
    const weeklyUntil = (quiet: number) => Array.from({ length: 12 }, (_, week) => quiet + 7 * (11 - week));

    it('does not lapse at exactly 180 quiet days: overdue against their own rhythm, they are at risk', () => {
      expect(daysBetween(factsFor(weeklyUntil(180)).lastPurchaseDay!, asOf)).toBe(180);
      expect(classify(weeklyUntil(180), { pAlive: 0.03 }).types).toEqual(['at_risk']);
    });

    it('lapses one day more, and the reason names the wait', () => {
      const lapsed = classify(weeklyUntil(181), { pAlive: 0.03 });
      expect(lapsed.types).toEqual(['lapsed']);
      expect(lapsed.numbers.lapsed).toMatchObject({ pAlive: 0.03, lastPurchaseDay: '2025-12-31', purchaseDays: 12, pAliveBelow: 0.3, pAliveMinQuietDays: 180 });
      const asOfDay = classifyCustomer({ ...factsFor(weeklyUntil(181), { pAlive: 0.03 }), pAliveAsOf: asOf }, policy, asOf, noVip);
      expect(asOfDay.explanation).toBe('Lapsed: chance still active 3% as of 2026-06-30 (below 30%), last purchase 2025-12-31 after 12 purchase days, no purchase for more than 180 days');
    });

    it('keeps a heavy buyer quiet for 64 days (CDNOW customer 7145: 3%) out of lapsed', () => {
      expect(classify(weeklyUntil(64), { pAlive: 0.03 }).types).toEqual(['at_risk']);
    });

    it('lets P(alive) judge from the first quiet day when the wait is 0', () => {
      const atOnce = parseTypePolicy(mergePolicy(policy, { lapsed: { pAliveMinQuietDays: 0 } }));
      expect(classifyCustomer(factsFor([10, 0], { pAlive: 0.29 }), atOnce, asOf, noVip).types).not.toContain('lapsed');
      expect(classifyCustomer(factsFor([10, 1], { pAlive: 0.29 }), atOnce, asOf, noVip).types).toEqual(['lapsed']);
    });

    it('leaves the quiet-days rule for one-time buyers as it was', () => {
      const longWait = parseTypePolicy(mergePolicy(policy, { lapsed: { pAliveMinQuietDays: 3650 } }));
      expect(classifyCustomer(factsFor([181], { pAlive: 1 }), longWait, asOf, noVip).types).toEqual(['lapsed']);
    });
  });

  it('calls a customer loyal after 365 days with purchases in 4 different quarters', () => {
    // 2025-06-30 (Q2 2025), 2025-09-30 (Q3), 2025-12-30 (Q4), 2026-03-30 (Q1 2026) — and 365 days of tenure
    const days = ['2025-06-30', '2025-09-30', '2025-12-30', '2026-03-30', '2026-06-20'].map((day) => ({ day, amountMinor: 1 }));
    const facts = summarizePurchaseDays({ customerId: 7 }, days, [], asOf, policy);
    expect(facts.periodCount).toBe(5);
    expect(classifyCustomer(facts, policy, asOf, noVip).types).toContain('loyal');
    const oneDayShort = summarizePurchaseDays({ customerId: 7 }, days, [], '2026-06-29', policy);
    expect(classifyCustomer(oneDayShort, policy, '2026-06-29', noVip).types).not.toContain('loyal');
  });

  // a year of bursts, 2025-06-30 to 2026-06-30 (5 quarters, tenure 365 days, usual gap 1 day, variation far above 100%)
  const loyalBursts = [365, 364, 363, 362, 200, 199, 198, 100, 99, 98, 2, 1, 0];
  it('does not call a loyal customer who buys on 12 days a year or more occasional, however bursty', () => {
    // 12 intervals over a span of 365 days: exactly 12 purchase days a year
    expect(classify(loyalBursts).types).toEqual(['loyal']);
    // one purchase day fewer: 11 a year, occasional, and the reason says by how much
    const fewer = classify(loyalBursts.filter((ago) => ago !== 99));
    expect(fewer.types).toEqual(['loyal', 'occasional']);
    expect(fewer.reasons.occasional).toMatch(/^Occasional: 12 purchase days, about 11 a year \(a loyal customer buying on 12 or more is not occasional\), intervals varying \d+% around their average/);
    expect(fewer.numbers.occasional).toMatchObject({ purchaseDaysPerYear: 11, frequentLoyalPurchaseDaysPerYear: 12 });
    // not loyal (one day short of a year's tenure): the same bursts stay occasional, with no yearly rate
    const notLoyal = classify(loyalBursts.slice(1));
    expect(notLoyal.types).toEqual(['occasional']);
    expect(notLoyal.numbers.occasional).not.toHaveProperty('purchaseDaysPerYear');
    // 0 turns the rule off
    const off = parseTypePolicy(mergePolicy(policy, { occasional: { frequentLoyalPurchaseDaysPerYear: 0 } }));
    expect(classifyCustomer(factsFor(loyalBursts), off, asOf, noVip).types).toEqual(['loyal', 'occasional']);
  });

  it('records the promotion share and marks promotion-driven occasional buyers', () => {
    const orders = [
      { orderedDay: addDays(asOf, -200), hasPromotion: true },
      { orderedDay: addDays(asOf, -120), hasPromotion: true },
      { orderedDay: addDays(asOf, -100), hasPromotion: false },
      { orderedDay: addDays(asOf, -10), hasPromotion: false },
    ];
    const result = classify([200, 120, 100, 10], { orders });
    expect(result.types).toEqual(['occasional']);
    expect(result.explanation).toBe('Occasional: 4 purchase days, intervals varying 60% around their average (a regular rhythm needs under 50%), 50% of orders with a promotion (promotion-driven)');
    expect(result.numbers.occasional?.isPromotionDriven).toBe(true);
  });

  it('states the figure that made a rhythm not regular and the limit it failed', () => {
    // a usual gap of 8.5 days (variation 58%): the strict limit applies, not the frequent buyer's
    expect(classify([86, 83, 69, 64, 52, 50, 35, 31, 18, 12, 1]).numbers.occasional).toMatchObject({ coefficientOfVariation: expect.closeTo(0.585, 3), variationLimit: 0.5 });
    expect(classify([77, 76, 75, 74, 54, 53, 52, 51, 29, 28, 27, 26, 1]).explanation)
      .toBe('Occasional: 13 purchase days, intervals varying 153% around their average (a regular rhythm needs under 100% for someone who buys at least every 7 days), 0% of orders with a promotion');
    // two intervals: no rhythm to judge yet, whatever their variation
    expect(classify([60, 30, 0]).explanation).toBe('Occasional: 3 purchase days, too few to judge a rhythm by (a regular rhythm needs at least 4), 0% of orders with a promotion');
    const strict = parseTypePolicy(mergePolicy(policy, { regular: { minIntervals: 2, maxCoefficientOfVariation: 0.2 } }));
    expect(classifyCustomer(factsFor([60, 30, 0]), strict, asOf, noVip).types).toEqual(['regular']);
    expect(classifyCustomer(factsFor([60, 40, 0]), strict, asOf, noVip).numbers.occasional).toMatchObject({ variationLimit: 0.2 });
  });

  it('combines VIP with at risk and puts at risk first', () => {
    const facts = [factsFor([51, 41, 31, 21]), ...Array.from({ length: 19 }, (_, index) => ({ ...factsFor([100]), customerId: index + 2, windowRevenueMinor: 1000 }))];
    const context: ClassifyContext = { cutoffs: computeVipCutoffs(facts, policy), money: moneyFormatOf('IDR', 'id') };
    expect(context.cutoffs.revenueCutoffMinor).toBe(400_000);
    const result = classifyCustomer(facts[0], policy, asOf, context);
    expect(result.types).toEqual(['at_risk', 'vip']);
    expect(result.primaryType).toBe('at_risk');
    expect(result.reasons.vip).toBe('VIP: revenue in the last 365 days Rp\u00a0400.000, within the top 5% of real customers (cut-off Rp\u00a0400.000)');
    // one of twenty: exactly the share asked for
    expect(result.numbers.vip).toMatchObject({ reachedPercent: 5, isTiedAtCutoff: false });
  });

  it('includes everyone tied at the VIP cut-off', () => {
    const facts = Array.from({ length: 40 }, (_, index) => ({ ...factsFor([5]), customerId: index, windowRevenueMinor: [500, 300, 300, 300][index] ?? 100 }));
    // 5% of 40 is position 2 (300): all three customers at 300 are in
    const cutoffs = computeVipCutoffs(facts, policy);
    expect(cutoffs.revenueCutoffMinor).toBe(300);
    // four of forty reach it: their reason says 10%, not the 5% asked for
    expect(cutoffs.revenueReachedCount).toBe(4);
    const tied = classifyCustomer(facts[3], policy, asOf, { cutoffs, money: moneyFormatOf('IDR', 'id') });
    expect(tied.numbers.vip).toMatchObject({ reachedPercent: 10, isTiedAtCutoff: true });
    expect(tied.reasons.vip).toBe('VIP: revenue in the last 365 days Rp\u00a0300, within the top 10% of real customers (5% asked for; customers tied at the cut-off of Rp\u00a0300 all count)');
  });

  it('classifies someone without a verified purchase as a lead with their first sign of interest', () => {
    const facts = { ...factsFor([]), firstInterestDay: '2026-05-01', firstInterestChannel: 'web', firstReceivedDay: '2026-05-03' };
    const result = classifyCustomer(facts, policy, asOf, noVip);
    expect(result.types).toEqual(['lead', 'consumer']);
    expect(result.explanation).toBe('Lead: no verified purchase yet, first interest 2026-05-01 via web; Consumer: received an order bought by another customer on 2026-05-03');
  });
});

describe('type policy', () => {
  it('accepts a partial change merged over the defaults', () => {
    const changed = parseTypePolicy(mergePolicy(policy, { vip: { topPercent: 3 } }));
    expect(changed.vip).toEqual({ ...policy.vip, topPercent: 3 });
  });

  it('rejects a bad threshold with the field named', () => {
    expect(() => parseTypePolicy(mergePolicy(policy, { atRisk: { overdueFactor: 0.5 }, newWithinDays: 'soon' }))).toThrow(/atRisk\.overdueFactor.*|newWithinDays/);
    expect(() => parseTypePolicy(mergePolicy(policy, { vipp: 1 }))).toThrow(/ANALYTICS_POLICY_INVALID|policy is invalid/);
  });
});

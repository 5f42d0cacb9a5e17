import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/clock.js';
import { classifyCustomer, type Classification, type ClassifyContext } from '../../../analytics/classify.js';
import { summarizePurchaseDays, type CustomerFacts } from '../../../analytics/customer-facts.js';
import { formatMoneyWith, moneyFormatOf } from '../../../analytics/money-format.js';
import { defaultTypePolicy as policy } from '../../../analytics/policy.js';
import { createFormatters, type Formatters } from '../../i18n/format.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typeReasonMessage } from './type-reason.js';
import type { Locale } from '../../api/types.js';

const asOf = '2026-06-30';
const money = moneyFormatOf('IDR', 'id');
const context: ClassifyContext = { cutoffs: { realCustomerCount: 100, revenueCutoffMinor: 1_000_000, frequencyCutoff: 3 }, money };
const noVip: ClassifyContext = { ...context, cutoffs: { realCustomerCount: 100, revenueCutoffMinor: 1e12, frequencyCutoff: 1e6 } };

function classify(daysAgo: number[], options: { amount?: number; pAlive?: number; promotions?: boolean; base?: Partial<CustomerFacts>; context?: ClassifyContext } = {}): Classification {
  const days = daysAgo.map((ago) => ({ day: addDays(asOf, -ago), amountMinor: options.amount ?? 100_000 }));
  const orders = days.map((entry) => ({ orderedDay: entry.day, hasPromotion: options.promotions ?? false }));
  const facts = summarizePurchaseDays({ customerId: 1, pAlive: options.pAlive ?? null, ...options.base }, days, orders, asOf, policy);
  return classifyCustomer(facts, policy, asOf, options.context ?? noVip);
}

// one customer for every type and every wording of a type's reason
const customers: Classification[] = [
  classify([0]), classify([180]), classify([400]), classify([100], { pAlive: 0.05 }),
  classify([90, 60, 30, 0]), classify([51, 41, 31, 21]), classify([700, 500, 300, 120, 30, 5]),
  classify([200, 150, 140, 40, 5]), classify([200, 150, 140, 40, 5], { promotions: true }),
  classify([20, 10, 3], { amount: 900_000, context }), classify([40, 20, 10, 3], { amount: 10, context }),
  classify([], { base: { firstInterestDay: '2026-06-01', firstInterestChannel: 'web' } }),
  classify([], { base: { firstInterestDay: '2026-06-01', firstInterestChannel: null } }), classify([]),
  classify([10], { base: { firstReceivedDay: '2026-06-12' } }),
  // occasional: too few purchase days to judge, and bursts of daily purchases (the frequent-buyer limit applied)
  classify([100, 50]), classify([100, 50], { promotions: true }), classify([77, 76, 75, 74, 54, 53, 52, 51, 29, 28, 27, 26, 1]),
  classify([400, 300, 200], { pAlive: 0.001 }),
  // P(alive) with the day it describes, and the quiet-days rule over a prediction too old to judge by
  classify([400, 300, 200], { pAlive: 0.12, base: { pAliveAsOf: asOf } }), classify([300, 200], { base: { stalePredictionAsOf: '2026-01-31' } }),
  // regular by the frequent-buyer rule: gaps as irregular as random days, two days apart
  classify([71, 69, 60, 59, 51, 49, 42, 41, 32, 30, 22, 21, 12, 11, 3, 1]),
];

/** Formatters that write what the analysis writes: plain numbers, ISO days, whole percents, its money format. */
const asTheServerWrites: Formatters = {
  ...createFormatters('en-GB', 'IDR', 'UTC'),
  number: (value, digits = 0) => value.toFixed(digits),
  percent: (ratio) => `${Math.round(ratio * 100)}%`,
  money: (minor) => formatMoneyWith(money, minor),
  date: (iso) => String(iso),
};

describe('a type reason in the reader\'s language', () => {
  it('covers every type', () => {
    const types = new Set(customers.flatMap((customer) => customer.types));
    expect([...types].sort()).toEqual(['at_risk', 'consumer', 'lapsed', 'lead', 'loyal', 'new', 'occasional', 'one_time', 'regular', 'vip']);
  });

  it('reads in English exactly as the analysis wrote it, from the stored numbers alone', () => {
    for (const customer of customers) {
      for (const type of customer.types) {
        const message = typeReasonMessage(type, customer.numbers[type], asTheServerWrites);
        expect(message, `${type}: ${customer.reasons[type]}`).not.toBeNull();
        const english = lookupMessage(messagesByLocale.en, message!.key, message!.values);
        expect(english).toBe(customer.reasons[type]);
      }
    }
  });

  it('writes one day in the singular, and Latvian 21 as one and 11 as many', () => {
    const reason = (locale: Locale, numbers: Record<string, number | string>, type = 'at_risk') => {
      const message = typeReasonMessage(type, numbers, createFormatters({ en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale], 'IDR', 'UTC'), locale)!;
      return lookupMessage(messagesByLocale[locale], message.key, message.values);
    };
    const atRisk = (median: number, limit: number) => ({ lastPurchaseDay: '2026-06-09', medianIntervalDays: median, overdueDay: '2026-06-11', overdueAfterDays: limit });
    expect(reason('en', atRisk(1, 2))).toMatch(/usually every 1 day, overdue since .+ \(more than 2 days after it\)$/);
    expect(reason('id', atRisk(1, 2))).toMatch(/biasanya setiap 1 hari, terlambat sejak .+ \(lebih dari 2 hari setelahnya\)$/);
    expect(reason('lv', atRisk(21, 11))).toMatch(/parasti ik pēc 21 dienas, kavējas kopš .+ \(vairāk nekā 11 dienas pēc tā\)$/);
    expect(reason('lv', atRisk(1.5, 10))).toContain('ik pēc 1,5 dienām');
    const loyalOccasional = { purchaseDays: 12, promotionPercent: 0, coefficientOfVariation: 1.5, variationLimit: 1, frequentWithinDays: 7, purchaseDaysPerYear: 11.5, frequentLoyalPurchaseDaysPerYear: 12 };
    expect(reason('en', loyalOccasional, 'occasional')).toMatch(/^Occasional: 12 purchase days, about 11\.5 a year \(a loyal customer buying on 12 or more is not occasional\), intervals/);
    expect(reason('id', loyalOccasional, 'occasional')).toMatch(/^Sesekali: 12 hari pembelian, sekitar 11,5 per tahun \(pelanggan setia yang membeli 12 hari atau lebih bukan sesekali\), jeda/);
    expect(reason('lv', loyalOccasional, 'occasional')).toMatch(/^Gadījuma pircējs: 12 pirkumu dienas, ap 11,5 gadā \(lojāls klients, kurš pērk 12 vai vairāk dienās gadā, nav gadījuma pircējs\), intervāli/);
    expect(reason('lv', { lastPurchaseDay: '2026-01-01', quietDays: 31 }, 'lapsed')).toContain('(robeža 31 diena)');
    expect(reason('lv', { windowDays: 1, windowPurchaseDays: 21, topPercent: 5, frequencyCutoff: 1, vipBy: 'frequency' }, 'vip')).toMatch(/^VIP: 21 pirkuma diena pēdējā 1 dienā,/);
    expect(reason('en', { windowDays: 1, windowPurchaseDays: 1, topPercent: 5, frequencyCutoff: 1, vipBy: 'frequency' }, 'vip')).toMatch(/^VIP: 1 purchase day in the last 1 day,/);
    expect(reason('en', { medianIntervalDays: 7, coefficientOfVariation: 0.1, intervalCount: 1 }, 'regular')).toBe('Regular: buys about every 7 days (variation 10%) over 1 interval');
  });

  it.each(locales)('fills every placeholder in %s with locale-formatted figures', (locale) => {
    const format = createFormatters({ en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale], 'IDR', 'UTC');
    for (const customer of customers) {
      for (const type of customer.types) {
        const message = typeReasonMessage(type, customer.numbers[type], format, locale)!;
        const text = lookupMessage(messagesByLocale[locale], message.key, message.values);
        expect(text).not.toMatch(/[{}]|typeReasons\./);
      }
    }
    const vip = customers[9];
    const message = typeReasonMessage('vip', vip.numbers.vip, format)!;
    expect(message.values.cutoff).toBe(format.money(1_000_000));
  });

  it('says when the frequent-buyer rule made someone regular', () => {
    const frequent = customers.at(-1)!;
    expect(frequent.types).toEqual(['regular']);
    expect(typeReasonMessage('regular', frequent.numbers.regular, asTheServerWrites)?.key).toBe('typeReasons.regularFrequent');
    expect(typeReasonMessage('regular', customers[4].numbers.regular, asTheServerWrites)?.key).toBe('typeReasons.regular');
  });

  it('states the variation and the limit that made someone occasional, or that they bought too few times to judge', () => {
    const keyOf = (customer: Classification) => typeReasonMessage('occasional', customer.numbers.occasional, asTheServerWrites)?.key;
    expect(customers.slice(7, 9).map(keyOf)).toEqual(['typeReasons.occasionalVaried', 'typeReasons.occasionalVariedPromotionDriven']);
    expect(customers.slice(15, 18).map(keyOf)).toEqual(['typeReasons.occasionalFewDays', 'typeReasons.occasionalFewDaysPromotionDriven', 'typeReasons.occasionalVariedFrequent']);
    const english = (customer: Classification) => {
      const message = typeReasonMessage('occasional', customer.numbers.occasional, createFormatters('en-GB', 'IDR', 'UTC'))!;
      return lookupMessage(messagesByLocale.en, message.key, message.values);
    };
    expect(english(customers[7])).toBe('Occasional: 5 purchase days, intervals varying 78% around their average (a regular rhythm needs under 50%), 0% of orders with a promotion');
    expect(english(customers[17])).toMatch(/intervals varying 153% around their average \(a regular rhythm needs under 100% for someone who buys at least every 7 days\)/);
    expect(english(customers[15])).toBe('Occasional: 2 purchase days, too few to judge a rhythm by (a regular rhythm needs at least 4), 0% of orders with a promotion');
    // rows from before the figures were stored
    expect(typeReasonMessage('occasional', { purchaseDays: 4, promotionPercent: 0 }, asTheServerWrites)?.key).toBe('typeReasons.occasional');
  });

  it('names P(alive) as the prediction card does, never rounds a lapsed customer\'s chance to 0%, and says when they last bought', () => {
    const lapsed = customers[18];
    expect(lapsed.types).toEqual(['lapsed']);
    const message = typeReasonMessage('lapsed', lapsed.numbers.lapsed, createFormatters('en-GB', 'IDR', 'UTC'))!;
    expect(lookupMessage(messagesByLocale.en, message.key, message.values)).toBe('Lapsed: chance still active <1% (below 30%), last purchase 12 Dec 2025 after 3 purchase days');
    expect(lookupMessage(messagesByLocale.en, 'customer.prediction.pAlive')).toMatch(/^Chance still active/);
  });

  it('words a VIP by what the analysis judged them on, as the server does', () => {
    const figures = { windowDays: 365, windowRevenueMinor: 4_310_000, windowPurchaseDays: 12, topPercent: 5, revenueCutoffMinor: 2_000_000, frequencyCutoff: 10 };
    expect(typeReasonMessage('vip', { ...figures, vipBy: 'frequency' }, asTheServerWrites)?.key).toBe('typeReasons.vipFrequency');
    expect(typeReasonMessage('vip', { ...figures, vipBy: 'revenue' }, asTheServerWrites)?.key).toBe('typeReasons.vipRevenue');
    // rows from before vipBy was stored
    expect(typeReasonMessage('vip', figures, asTheServerWrites)?.key).toBe('typeReasons.vipRevenue');
    expect(typeReasonMessage('lapsed', { pAlive: 0.05 }, asTheServerWrites)?.key).toBe('typeReasons.lapsedProbability');
  });

  it('states the share that reaches the VIP cut-off, and why, when it is above the share asked for, as the server does', () => {
    // 12 and 20 of 100 customers reach cut-offs meant for the top 5 (ties); 1 of 9 is the top 5% rounded up to a whole customer
    const tied: ClassifyContext = { ...context, cutoffs: { ...context.cutoffs, revenueReachedCount: 12, frequencyReachedCount: 20 } };
    const roundedUp: ClassifyContext = { ...context, cutoffs: { ...context.cutoffs, realCustomerCount: 9, revenueReachedCount: 1, frequencyReachedCount: 1 } };
    const byFrequency = { ...policy, vip: { ...policy.vip, basis: 'frequency' as const } };
    const frequent = summarizePurchaseDays({ customerId: 1 }, [40, 20, 10, 3].map((ago) => ({ day: addDays(asOf, -ago), amountMinor: 10 })), [], asOf, byFrequency);
    const vips = [
      classify([20, 10, 3], { amount: 900_000, context: tied }), classify([20, 10, 3], { amount: 900_000, context: roundedUp }),
      classifyCustomer(frequent, byFrequency, asOf, tied), classifyCustomer(frequent, byFrequency, asOf, roundedUp),
    ];
    const keys = vips.map((vip) => typeReasonMessage('vip', vip.numbers.vip, asTheServerWrites)?.key);
    expect(keys).toEqual(['typeReasons.vipRevenueTied', 'typeReasons.vipRevenueRoundedUp', 'typeReasons.vipFrequencyTied', 'typeReasons.vipFrequencyRoundedUp']);
    for (const vip of vips) {
      const message = typeReasonMessage('vip', vip.numbers.vip, asTheServerWrites)!;
      expect(lookupMessage(messagesByLocale.en, message.key, message.values)).toBe(vip.reasons.vip);
    }
    expect(vips[2].reasons.vip).toBe('VIP: 4 purchase days in the last 365 days, within the top 20% of real customers (5% asked for; customers tied at the cut-off of 3 all count)');
    for (const locale of locales) {
      const format = createFormatters({ en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale], 'IDR', 'UTC');
      for (const vip of vips) {
        const message = typeReasonMessage('vip', vip.numbers.vip, format)!;
        expect(lookupMessage(messagesByLocale[locale], message.key, message.values)).not.toMatch(/[{}]|typeReasons\./);
      }
    }
    // 11.1% in the reader's number format
    expect(typeReasonMessage('vip', vips[1].numbers.vip, createFormatters('id-ID', 'IDR', 'UTC'))?.values.reached).toBe('11,1');
  });

  it('gives up, rather than leave a hole, when a needed figure is missing', () => {
    expect(typeReasonMessage('at_risk', { lastPurchaseDay: '2026-05-01' }, asTheServerWrites)).toBeNull();
    expect(typeReasonMessage('vip', null, asTheServerWrites)).toBeNull();
    expect(typeReasonMessage('no_such_type', {}, asTheServerWrites)).toBeNull();
  });
});

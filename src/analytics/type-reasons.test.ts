import { describe, expect, it } from 'vitest';
import { daysBetween } from '../core/clock.js';
import { overdueSinceDay } from './classify.js';
import { moneyFormatOf } from './money-format.js';
import { chancePercentText, typeReason, typesExplanation } from './type-reasons.js';

const rupiah = moneyFormatOf('IDR', 'id');
const dollars = moneyFormatOf('USD', 'en');
const vip = { windowDays: 365, windowRevenueMinor: 4_310_000, windowPurchaseDays: 12, topPercent: 5, revenueCutoffMinor: 2_000_000, frequencyCutoff: 10 };

describe('typeReason', () => {
  it('words a VIP by what the analysis judged them on, in the money format it is given', () => {
    expect(typeReason('vip', { ...vip, vipBy: 'revenue' }, rupiah))
      .toBe('VIP: revenue in the last 365 days Rp\u00a04.310.000, within the top 5% of real customers (cut-off Rp\u00a02.000.000)');
    expect(typeReason('vip', { ...vip, vipBy: 'revenue' }, dollars)).toContain('$43,100.00');
    // a store judging VIPs by purchase days: the revenue reaching its cut-off does not decide the wording
    expect(typeReason('vip', { ...vip, vipBy: 'frequency' }, rupiah))
      .toBe('VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)');
  });

  it('states the share that reaches a VIP cut-off when it is above the share asked for, and why', () => {
    expect(typeReason('vip', { ...vip, vipBy: 'frequency', reachedPercent: 10.4, isTiedAtCutoff: true }, rupiah))
      .toBe('VIP: 12 purchase days in the last 365 days, within the top 10.4% of real customers (5% asked for; customers tied at the cut-off of 10 all count)');
    expect(typeReason('vip', { ...vip, vipBy: 'revenue', reachedPercent: 10.4, isTiedAtCutoff: true }, rupiah))
      .toBe('VIP: revenue in the last 365 days Rp\u00a04.310.000, within the top 10.4% of real customers (5% asked for; customers tied at the cut-off of Rp\u00a02.000.000 all count)');
    // one VIP among nine customers: no tie, 5% of them rounded up to a whole customer
    expect(typeReason('vip', { ...vip, vipBy: 'revenue', reachedPercent: 11.1, isTiedAtCutoff: false }, rupiah))
      .toBe('VIP: revenue in the last 365 days Rp\u00a04.310.000, within the top 11.1% of real customers (5% asked for, rounded up to whole customers; cut-off Rp\u00a02.000.000)');
    // no more than the share asked for: the sentence names that share
    expect(typeReason('vip', { ...vip, vipBy: 'frequency', reachedPercent: 5, isTiedAtCutoff: false }, rupiah))
      .toBe('VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)');
  });

  it('reads rows written before vipBy and pAliveBelow were stored', () => {
    // and before the share reaching the cut-off was
    expect(typeReason('vip', { ...vip, vipBy: 'frequency' }, rupiah)).toBe('VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)');
    expect(typeReason('vip', vip, rupiah)).toMatch(/^VIP: revenue in the last 365 days/);
    expect(typeReason('vip', { ...vip, windowRevenueMinor: 0 }, rupiah)).toMatch(/^VIP: 12 purchase days/);
    expect(typeReason('lapsed', { pAlive: 0.294, lastPurchaseDay: '2026-01-01' }, rupiah)).toBe('Lapsed: chance still active 29%');
    expect(typeReason('lapsed', { pAlive: 0.294, pAliveBelow: 0.3 }, rupiah)).toBe('Lapsed: chance still active 29% (below 30%)');
    // and before the purchase days were
    expect(typeReason('lapsed', { pAlive: 0.294, lastPurchaseDay: '2026-01-01', pAliveBelow: 0.3 }, rupiah)).toBe('Lapsed: chance still active 29% (below 30%)');
    expect(typeReason('occasional', { purchaseDays: 4, promotionPercent: 0, isPromotionDriven: false }, rupiah)).toBe('Occasional: 4 purchase days at an irregular rhythm, 0% of orders with a promotion');
  });

  it('states the silence a P(alive) lapse waits for, and nothing of it when the wait is off or predates the rule', () => {
    const lapsed = { pAlive: 0.03, pAliveAsOf: '1997-09-30', lastPurchaseDay: '1997-03-30', purchaseDays: 6, pAliveBelow: 0.3 };
    expect(typeReason('lapsed', { ...lapsed, pAliveMinQuietDays: 180 }, dollars))
      .toBe('Lapsed: chance still active 3% as of 1997-09-30 (below 30%), last purchase 1997-03-30 after 6 purchase days, no purchase for more than 180 days');
    expect(typeReason('lapsed', { ...lapsed, pAliveMinQuietDays: 1 }, dollars)).toMatch(/, no purchase for more than 1 day$/);
    expect(typeReason('lapsed', { ...lapsed, pAliveMinQuietDays: 0 }, dollars)).toBe('Lapsed: chance still active 3% as of 1997-09-30 (below 30%), last purchase 1997-03-30 after 6 purchase days');
    expect(typeReason('lapsed', lapsed, dollars)).toBe('Lapsed: chance still active 3% as of 1997-09-30 (below 30%), last purchase 1997-03-30 after 6 purchase days');
  });

  it('writes one day, one purchase day and one interval in the singular, and any other count in the plural', () => {
    expect(typeReason('at_risk', { lastPurchaseDay: '2026-06-09', medianIntervalDays: 1, overdueDay: '2026-06-11', overdueAfterDays: 2 }, rupiah))
      .toBe('At risk: last purchase 2026-06-09, usually every 1 day, overdue since 2026-06-11 (more than 2 days after it)');
    expect(typeReason('regular', { medianIntervalDays: 1, coefficientOfVariation: 0.1, intervalCount: 1, frequentWithinDays: 1 }, rupiah))
      .toBe('Regular: buys about every 1 day over 1 interval; variation 10%, steady for someone who buys at least every 1 day');
    expect(typeReason('regular', { medianIntervalDays: 1.5, coefficientOfVariation: 0.1, intervalCount: 21 }, rupiah)).toBe('Regular: buys about every 1.5 days (variation 10%) over 21 intervals');
    expect(typeReason('vip', { ...vip, windowDays: 1, windowPurchaseDays: 1, vipBy: 'frequency' }, rupiah)).toMatch(/^VIP: 1 purchase day in the last 1 day,/);
    expect(typeReason('lapsed', { lastPurchaseDay: '2026-01-01', quietDays: 1 }, rupiah)).toBe('Lapsed: no purchase since 2026-01-01 (limit 1 day)');
    expect(typeReason('occasional', { purchaseDays: 1, promotionPercent: 0, minIntervals: 2 }, rupiah)).toMatch(/^Occasional: 1 purchase day, too few/);
  });

  it('names the first overdue day with the limit it is past, so the day and the number agree', () => {
    // CDNOW: usually every 94 days, limit 188; on 1998-06-28 (188 days on) not overdue yet, on 1998-06-29 (189) overdue
    const atRisk = { lastPurchaseDay: '1997-12-22', medianIntervalDays: 94, overdueDay: overdueSinceDay('1997-12-22', 188), overdueAfterDays: 188 };
    expect(daysBetween('1997-12-22', '1998-06-28')).toBe(188);
    expect(typeReason('at_risk', atRisk, rupiah)).toBe('At risk: last purchase 1997-12-22, usually every 94 days, overdue since 1998-06-29 (more than 188 days after it)');
    // a limit of 2 × 10.25 days: past 20.5 days is day 21
    expect(typeReason('at_risk', { ...atRisk, medianIntervalDays: 10.25, overdueDay: overdueSinceDay('1997-12-22', 20.5), overdueAfterDays: 20.5 }, rupiah))
      .toBe('At risk: last purchase 1997-12-22, usually every 10.25 days, overdue since 1998-01-12 (more than 20.5 days after it)');
  });

  it('never shows a hole: missing figures leave the type named without them', () => {
    expect(typeReason('regular', { medianIntervalDays: 7 }, rupiah)).toBe('Regular: no figures recorded');
    expect(typeReason('at_risk', null, rupiah)).toBe('At risk: no figures recorded');
    expect(typeReason('lead', {}, rupiah)).toBe('Lead: no verified purchase yet, no sign of interest recorded');
    expect(typeReason('lead', { firstInterestDay: '2026-05-01', firstInterestChannel: null }, rupiah)).toBe('Lead: no verified purchase yet, first interest 2026-05-01 via an unknown channel');
    expect(typeReason('whale', {}, rupiah)).toBe('whale: no figures recorded');
  });
});

describe('chancePercentText', () => {
  it('never rounds a chance the model leaves open to 0% or 100%', () => {
    expect([0.001, 0.005, 0.29, 0.994, 0.999, 1, 0].map(chancePercentText)).toEqual(['<1%', '1%', '29%', '99%', '>99%', '100%', '0%']);
  });
});

describe('typesExplanation', () => {
  it('joins the types in precedence order, whatever order they are given in', () => {
    const numbers = { new: { firstPurchaseDay: '2026-06-20' }, at_risk: { lastPurchaseDay: '2026-06-09', overdueDay: '2026-06-30', medianIntervalDays: 10.5, overdueAfterDays: 21 } };
    expect(typesExplanation(['new', 'at_risk'], numbers, rupiah))
      .toBe('At risk: last purchase 2026-06-09, usually every 10.5 days, overdue since 2026-06-30 (more than 21 days after it); New: first purchase 2026-06-20');
  });
});

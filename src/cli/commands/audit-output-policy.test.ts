import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numericPolicyFields } from '../../web/features/account/policy-fields.js';
import { forgetStoreFormats, showMoneyIn } from '../format.js';
import { auditDetailText, policyUnitByPath } from './audit-output.js';

// money as a store in euros writes it, as an open store sets it (src/cli/store-session.ts)
beforeEach(() => showMoneyIn('EUR', 'en'));
afterEach(() => forgetStoreFormats());

describe('a type policy change in the audit log', () => {
  it.each([
    ['reads each threshold that changed from → to, by the path policy set takes, with its unit', { thresholds: { newWithinDays: { from: 30, to: 40 }, 'vip.basis': { from: 'revenue', to: 'frequency' } } },
      'newWithinDays: 30 days → 40 days; vip.basis: revenue → frequency'],
    ['reads an older entry, which kept only the change asked for, as the values asked for', { change: { newWithinDays: 40, vip: { topPercent: 3 } } },
      'newWithinDays: → 40 days; vip.topPercent: → 3%'],
    ['counts one day, week or month in the singular', { thresholds: { 'lapsed.quietDays': { from: 1, to: 2 }, 'alerts.weeksOfHistory': { from: 21, to: 1 }, 'loyal.periodMonths': { from: 1, to: 0 } } },
      'lapsed.quietDays: 1 day → 2 days; alerts.weeksOfHistory: 21 weeks → 1 week; loyal.periodMonths: 1 month → 0 months'],
    ['gives multiples, percentages and shares (kept as fractions) their units, and plain counts none', {
      thresholds: { 'lapsed.quietDays': { from: 500, to: 180 }, 'atRisk.overdueFactor': { from: 2, to: 2.5 }, 'vip.topPercent': { from: 5, to: 10 },
        'lapsed.pAliveBelow': { from: 0.3, to: 0.25 }, 'regular.minIntervals': { from: 3, to: 4 }, 'alerts.zThreshold': { from: 3.5, to: 4 } },
    }, 'lapsed.quietDays: 500 days → 180 days; atRisk.overdueFactor: 2× → 2.5×; vip.topPercent: 5% → 10%; lapsed.pAliveBelow: 30% → 25%; regular.minIntervals: 3 → 4; alerts.zThreshold: 3.5 → 4'],
    ["says the minimum expected is counted in each series' unit, revenue as the store's money", { thresholds: { 'alerts.minExpected': { from: 5, to: 1000 } } },
      'alerts.minExpected: 5 → 1,000 (orders or customers; revenue €0.05 → €10.00)'],
    ['says so for an older entry\'s minimum expected too', { change: { alerts: { minExpected: 250 } } },
      'alerts.minExpected: → 250 (orders or customers; revenue → €2.50)'],
  ])('%s', (_, detail, text) => {
    expect(auditDetailText(detail)).toBe(text);
  });

  it('writes revenue in a currency without minor units as whole money', () => {
    showMoneyIn('IDR', 'id');
    expect(auditDetailText({ thresholds: { 'alerts.minExpected': { from: 5, to: 1000 } } })).toBe('alerts.minExpected: 5 → 1,000 (orders or customers; revenue Rp\u00a05 → Rp\u00a01.000)');
  });

  it('knows each threshold by the unit the settings page gives it', () => {
    const webUnits = numericPolicyFields.filter((field) => !['count', 'number'].includes(field.unit)).map((field) => [field.path, field.isShare ? 'share' : field.unit]);
    expect([...policyUnitByPath].sort()).toEqual(webUnits.sort());
  });
});

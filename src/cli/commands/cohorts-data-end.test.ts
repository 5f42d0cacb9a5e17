import { describe, expect, it } from 'vitest';
import { cohortsText } from './analytics-output.js';

const month = (monthIndex: number, retentionRate: number, isPartial = false) => ({ monthIndex, activeCustomers: Math.round(retentionRate * 100), retentionRate, revenuePerCustomerMinor: 0, isPartial });
const report = {
  asOf: '2015-12-30', horizonDays: 90, hasPrices: false,
  cohorts: [{ cohort: '2015-10', customers: 100, repeatPurchaseRate: 0.3, medianDaysToSecondPurchase: 20, repeatRateWithinHorizon: null, medianDaysToSecondPurchaseWithinHorizon: null, months: [month(0, 1), month(1, 0.2), month(2, 0.1, true)] }],
};

describe("cohortsText on a data set's last day", () => {
  it('says the data ends on it rather than that the month is not over', () => {
    const text = cohortsText(report, { dataEndDay: '2015-12-30' });
    expect(text).toMatch(/^\* 2015-12 up to 2015-12-30: the data ends then$/m);
    expect(text).not.toMatch(/not over/);
  });

  it('still says the month is not over on a live store, or a day before the data ends', () => {
    expect(cohortsText(report)).toMatch(/^\* 2015-12 so far: the month is not over$/m);
    expect(cohortsText({ ...report, asOf: '2015-12-20' }, { dataEndDay: '2015-12-30' })).toMatch(/^\* 2015-12 so far: the month is not over$/m);
  });
});

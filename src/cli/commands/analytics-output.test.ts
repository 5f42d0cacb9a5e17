import { describe, expect, it } from 'vitest';
import { cohortsText, rfmText, typesText } from './analytics-output.js';
import { typesReportOf } from '../../analytics/reports.service.js';

const month = (monthIndex: number, retentionRate: number, isPartial = false) => ({ monthIndex, activeCustomers: Math.round(retentionRate * 1000), retentionRate, revenuePerCustomerMinor: 0, isPartial });

describe('cohortsText', () => {
  it('marks the as-of month when it is not over, and rounds each share once', () => {
    const text = cohortsText({
      asOf: '1998-06-15',
      cohorts: [{ cohort: '1998-04', customers: 1000, repeatPurchaseRate: 0.481477, medianDaysToSecondPurchase: 20, months: [month(0, 1), month(1, 0.147464), month(2, 0.0421, true)] }],
    });
    expect(text).toMatch(/48\.1%/);
    expect(text).toMatch(/14\.7%/);
    expect(text).toMatch(/4\.2%\*/);
    expect(text).toMatch(/\* 1998-06 so far: the month is not over/);
  });

  it('says the orders carry no prices rather than a revenue per customer of 0.00', () => {
    const cohorts = [{ cohort: '2015-01', customers: 10, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 12, months: [month(0, 1), month(1, 0.3)] }];
    expect(cohortsText({ asOf: '2015-12-30', cohorts, hasPrices: false })).toMatch(/^no revenue: the orders carry no prices \(every amount is 0\)$/m);
    expect(cohortsText({ asOf: '2015-12-30', cohorts, hasPrices: false })).not.toMatch(/revenue per cohort customer|0\.00/);
    expect(cohortsText({ asOf: '2015-12-30', cohorts, hasPrices: true })).toMatch(/^revenue per cohort customer in month 0: 2015-01 \$0\.00$/m);
  });

  it('says nothing of partial months when the as-of day ends its month', () => {
    const text = cohortsText({ asOf: '1998-06-30', cohorts: [{ cohort: '1998-05', customers: 10, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: null, months: [month(0, 1), month(1, 0.3)] }] });
    expect(text).not.toMatch(/\*/);
  });
});

describe('typesText', () => {
  it('tells no analysis yet from an analysis that found no customers, and says what to do for each', () => {
    const never = typesReportOf([]);
    expect(typesText(never)).toBe('No analysis yet: run `clientele analyze`.');
    const foundNone = { ...never, asOf: '2026-07-01T00:00:00.000Z', asOfDay: '2026-06-30', analysedAt: '2026-07-02T08:00:00.000Z' };
    expect(typesText(foundNone)).toBe('The analysis as of 2026-06-30 found no customers: import customers and orders (`clientele import orders FILE`), then run `clientele analyze` again.');
  });
});

describe('rfmText', () => {
  const report = (hasPrices: boolean) => ({
    currency: 'USD', hasPrices, asOf: '2015-12-31T00:00:00.000Z', asOfDay: '2015-12-30', customers: 10,
    segments: [{ segment: 'Loyal', customers: 10, share: 1, medianRecencyDays: 12, averageFrequency: 3, revenueMinor: hasPrices ? 12_550 : 0 }],
    grid: [{ r: 5, f: 5, customers: 10 }],
  });

  it('leaves out the revenue column of a store whose orders carry no prices, and says why', () => {
    const text = rfmText(report(false));
    expect(text).not.toMatch(/revenue\s*$|\$0\.00/m);
    expect(text).toMatch(/^no revenue: the orders carry no prices \(every amount is 0\)$/m);
    expect(rfmText(report(true))).toMatch(/\$125\.50/);
  });
});

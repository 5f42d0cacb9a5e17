import { describe, expect, it } from 'vitest';
import { cohortsText, typesText } from './analytics-output.js';
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

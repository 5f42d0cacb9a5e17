import { beforeEach, describe, expect, it } from 'vitest';
import { cohortsText, lifecycleText, percent, rfmText, typesText } from './analytics-output.js';
import { typesReportOf } from '../../analytics/reports.service.js';
import { showMoneyIn } from '../format.js';

const month = (monthIndex: number, retentionRate: number, isPartial = false) => ({ monthIndex, activeCustomers: Math.round(retentionRate * 1000), retentionRate, revenuePerCustomerMinor: 0, isPartial });

const notYet = { repeatRateWithinHorizon: null, medianDaysToSecondPurchaseWithinHorizon: null };

// money as a store in dollars writes it (an in-process CLI run leaves none: test/helpers/cli-in-process.ts)
beforeEach(() => showMoneyIn('USD', 'en'));

describe('cohortsText', () => {
  it('shows the repeat rate within the horizon beside the one so far, and "not yet" for a cohort too young', () => {
    const text = cohortsText({
      asOf: '2015-12-30', horizonDays: 90, cohorts: [
        { cohort: '2015-06', customers: 1000, repeatPurchaseRate: 0.61, medianDaysToSecondPurchase: 70, repeatRateWithinHorizon: 0.373, medianDaysToSecondPurchaseWithinHorizon: 31, months: [month(0, 1)] },
        { cohort: '2015-12', customers: 8, repeatPurchaseRate: 0.125, medianDaysToSecondPurchase: 12, ...notYet, months: [month(0, 1)] },
      ],
    });
    const [header, , row2015June, row2015December] = text.split('\n').slice(3);
    expect(header).toMatch(/repeat ≤90d\s+days to 2nd ≤90d\s+repeat so far\s+days to 2nd so far/);
    expect(row2015June).toMatch(/^2015-06\s+1,000\s+37\.3%\s+31\s+61%\s+70/);
    expect(row2015December).toMatch(/^2015-12\s+8\s+not yet\s+12\.5%\s+12/);
    expect(text).toMatch(/second purchase within 90 days of the first/);
  });

  it('marks the as-of month when it is not over, and rounds each share once', () => {
    const text = cohortsText({
      asOf: '1998-06-15', horizonDays: 90,
      cohorts: [{ cohort: '1998-04', customers: 1000, repeatPurchaseRate: 0.481477, medianDaysToSecondPurchase: 20, ...notYet, months: [month(0, 1), month(1, 0.147464), month(2, 0.0421, true)] }],
    });
    expect(text).toMatch(/48\.1%/);
    expect(text).toMatch(/14\.7%/);
    expect(text).toMatch(/4\.2%\*/);
    expect(text).toMatch(/\* 1998-06 so far: the month is not over/);
  });

  it('says the orders carry no prices rather than a revenue per customer of 0.00', () => {
    const cohorts = [{ cohort: '2015-01', customers: 10, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 12, ...notYet, months: [month(0, 1), month(1, 0.3)] }];
    expect(cohortsText({ asOf: '2015-12-30', horizonDays: 90, cohorts, hasPrices: false })).toMatch(/^no revenue: the orders carry no prices \(every amount is 0\)$/m);
    expect(cohortsText({ asOf: '2015-12-30', horizonDays: 90, cohorts, hasPrices: false })).not.toMatch(/revenue per cohort customer|0\.00/);
    expect(cohortsText({ asOf: '2015-12-30', horizonDays: 90, cohorts, hasPrices: true })).toMatch(/^revenue per cohort customer in month 0: 2015-01 \$0\.00$/m);
  });

  it('says nothing of partial months when the as-of day ends its month', () => {
    const text = cohortsText({ asOf: '1998-06-30', horizonDays: 90, cohorts: [{ cohort: '1998-05', customers: 10, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: null, ...notYet, months: [month(0, 1), month(1, 0.3)] }] });
    expect(text).not.toMatch(/\*/);
  });
});

describe('lifecycleText', () => {
  const stage = (name: 'acquisition' | 'activation' | 'retention' | 'advocacy', customers: number, conversionFromPrevious: number | null,
    withinHorizon: { observedCustomers: number; customers: number; conversion: number | null; tooYoungCustomers: number } | null = null) => ({ stage: name, customers, conversionFromPrevious, withinHorizon });
  const funnel = {
    dimension: 'channel' as const, segment: 'web', medianDaysToActivation: 10, medianDaysToRetention: null, medianDaysToActivationWithinHorizon: 7.5, medianDaysToRetentionWithinHorizon: null,
    stages: [
      stage('acquisition', 4, null),
      stage('activation', 3, 0.75, { observedCustomers: 4, customers: 2, conversion: 0.5, tooYoungCustomers: 0 }),
      stage('retention', 1, 0.333333, { observedCustomers: 0, customers: 0, conversion: null, tooYoungCustomers: 3 }),
      stage('advocacy', 0, null),
    ],
  };

  it('gives each step so far and within the horizon, with those too young to judge apart', () => {
    const text = lifecycleText({ asOf: '2026-06-30', horizonDays: 30, overall: null, byChannel: [funnel], byCohort: [] });
    expect(text).toMatch(/^≤30d = the share who reached a stage within 30 days of the previous one, counting only those who reached the previous stage 30 or more days before the as-of day$/m);
    expect(text).toMatch(/^channel web: acquisition 4 → activation 3 \(75% so far, median 10 days; ≤30d 50% of 4, median 7\.5 days\) → retention 1 \(33\.3% so far; ≤30d not yet, 3 too young\) → advocacy 0 \(not tracked yet\)$/m);
  });

  it('says there is no one rather than printing an empty funnel', () => {
    expect(lifecycleText({ asOf: '2026-06-30', horizonDays: 90, overall: null, byChannel: [], byCohort: [] })).toBe('No customers up to 2026-06-30.');
  });
});

describe('typesText', () => {
  it('tells no analysis yet from an analysis that found no customers, and says what to do for each', () => {
    const never = { ...typesReportOf([]), currency: 'IDR', hasPrices: true };
    expect(typesText(never)).toBe('No analysis yet: run `clientele analyze`.');
    const foundNone = { ...never, asOf: '2026-07-01T00:00:00.000Z', asOfDay: '2026-06-30', analysedAt: '2026-07-02T08:00:00.000Z' };
    expect(typesText(foundNone)).toBe('The analysis as of 2026-06-30 found no customers: import customers and orders (`clientele import orders FILE`), then run `clientele analyze` again.');
  });
});

describe('percent', () => {
  it.each([[0.0003, '<0.1%'], [0.0004999, '<0.1%'], [0.0005, '0.1%'], [0, '0%'], [0.481477, '48.1%'], [1, '100%']])('prints %f as %s', (share, text) => {
    expect(percent(share)).toBe(text);
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

  it('says under the grid which score no customer holds, and why, and says nothing when every score is held', () => {
    // CDNOW's shape: one-time buyers (F1) fill more than the first two fifths, so F2 is empty
    const grid = [1, 2, 3, 4, 5].flatMap((r) => [1, 3, 4, 5].map((f) => ({ r, f, customers: 10 })));
    const text = rfmText({ ...report(true), customers: 200, grid });
    expect(text).toMatch(/^no customer scores F2: customers with the same value share one score, that of the fifth their group begins in,$/m);
    expect(text).toMatch(/\(docs\/customer-types\.md, "RFM"\)$/);
    const full = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((f) => ({ r, f, customers: r === 2 && f === 2 ? 0 : 10 })));
    expect(rfmText({ ...report(true), customers: 240, grid: full })).not.toMatch(/no customer scores/);
  });

  it('tells the RFM segment At risk from the customer type at_risk when the segment has customers, and only then', () => {
    const atRisk = { ...report(true), segments: [{ segment: 'At risk', customers: 10, share: 1, medianRecencyDays: 200, averageFrequency: 4, revenueMinor: 0 }] };
    expect(rfmText(atRisk)).toMatch(/^RFM's "At risk" \(bought often, not lately, by the store's fifths\) is not the customer type at_risk/m);
    expect(rfmText(atRisk)).toMatch(/`customers list --segment "At risk"` and `customers list --type at_risk` list different customers$/m);
    expect(rfmText(report(true))).not.toMatch(/at_risk/);
  });

  it('never prints a segment that has customers as 0% of them', () => {
    const few = { ...report(true), customers: 23_570, segments: [{ segment: "Can't lose them", customers: 6, share: 0.0003, medianRecencyDays: 200, averageFrequency: 4, revenueMinor: 0 }] };
    expect(rfmText(few)).toMatch(/^Can't lose them\s+6\s+<0\.1%/m);
  });
});

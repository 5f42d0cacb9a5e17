import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { cohortCellTooltip, cohortHeatmapOption } from './cohort-heatmap-option.js';

const cohorts: Cohort[] = [{
  cohort: '2015-11', customers: 40, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 10, repeatRateWithinHorizon: null,
  months: [{ monthIndex: 0, activeCustomers: 40, retentionRate: 1, revenuePerCustomerMinor: 0, isPartial: false }, { monthIndex: 1, activeCustomers: 10, retentionRate: 0.25, revenuePerCustomerMinor: 0, isPartial: true }],
}];
const translate = (locale: 'en' | 'id' | 'lv') => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe("the cohorts' last month in a data set", () => {
  it('reads "the data ends" with its day, not "the month is not over", in every language', () => {
    const format = createFormatters('en-GB', null, 'UTC');
    expect(cohortCellTooltip(cohorts, [1, 0, 0.25, 1], translate('en'), format, 'en', '2015-12-30')[0])
      .toBe('Month 1 of the Nov 2015 cohort, up to 30 Dec 2015 (the data ends then): 25% bought (10 of 40 customers)');
    expect(cohortHeatmapOption(cohorts, translate('en'), format, 'en', '2015-12-30').tooltip.formatter({ value: [1, 0, 0.25, 1] })).toMatch(/the data ends then/);
    expect(cohortCellTooltip(cohorts, [1, 0, 0.25, 1], translate('en'), format, 'en')[0]).toMatch(/the month is not over/);
    const lv = cohortCellTooltip(cohorts, [1, 0, 0.25, 1], translate('lv'), createFormatters('lv-LV', null, 'UTC'), 'lv', '2015-12-30')[0];
    expect(lv).toMatch(/līdz 2015\. gada 30\. dec\. \(tad dati beidzas\)/);
    expect(cohortCellTooltip(cohorts, [1, 0, 0.25, 1], translate('id'), createFormatters('id-ID', null, 'UTC'), 'id', '2015-12-30')[0]).toMatch(/data berakhir saat itu/);
  });
});

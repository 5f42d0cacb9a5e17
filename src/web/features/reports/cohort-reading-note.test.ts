import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { readableTable } from '../../components/charts/chart-table.js';
import { createFormatters } from '../../i18n/format.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { cohortCells, cohortTable } from './cohort-heatmap-option.js';

/** A cohort as the API sends it: month 0, the first-purchase month, at 100% (src/analytics/cohorts.ts). */
const cohort = (month: string, customers: number, buyers: number[]): Cohort => ({
  cohort: month, customers, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 30,
  months: buyers.map((activeCustomers, monthIndex) => ({ monthIndex, activeCustomers, retentionRate: activeCustomers / customers, revenuePerCustomerMinor: 100, isPartial: false })),
});

const cohorts = [cohort('2026-01', 20, [20, 6, 1]), cohort('2026-02', 10, [10, 3])];

// the words for "table" and "chart" in each language, as the note names them
const tableWord = { en: /\btable\b/, id: /\btabel\b/, lv: /\btabula\b/ } as const;
const chartWord = { en: /\bchart\b/, id: /\bgrafik\b/, lv: /\bdiagramm/ } as const;

describe('the cohort note under the chart, and the table beside it', () => {
  it.each(locales)('%s: says month 0 is 100%%, as the table gives it, and that only the chart leaves it blank', (locale) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const table = readableTable(cohortTable(cohorts, t), createFormatters(locale, null, 'UTC'));
    const monthZero = table.header.indexOf(t('reports.cohorts.monthN', { month: 0 }));
    // the table (read by screen readers, and the CSV) has month 0, at 100% in every row
    expect(monthZero).toBeGreaterThan(0);
    expect(new Set(table.rows.map((row) => row[monthZero]).map((cell) => cell.replace(/\s/g, '')))).toEqual(new Set(['100%']));
    // the chart leaves it out
    expect(cohortCells(cohorts).some(([monthIndex]) => monthIndex === 0)).toBe(false);
    const note = t('reports.cohorts.reading');
    expect(note).toContain('100%');
    expect(note).toMatch(tableWord[locale]);
    expect(note).toMatch(chartWord[locale]);
  });
});

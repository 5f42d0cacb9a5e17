import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { cellLabelColour, cellLabelsFit, cohortHeatmapOption, darkLabelColour, lightLabelColour } from './cohort-heatmap-option.js';

const cohort = (month: string, customers: number, buyers: number[], partialFrom = Number.POSITIVE_INFINITY): Cohort => ({
  cohort: month, customers, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 30,
  months: buyers.map((activeCustomers, monthIndex) => ({ monthIndex, activeCustomers, retentionRate: activeCustomers / customers, revenuePerCustomerMinor: 100, isPartial: monthIndex >= partialFrom })),
});

const lv = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.lv, key, variables);
const lvFormat = createFormatters('lv-LV', null, 'UTC');
// January: 12.9% and 3.2%; February: 37.5% in a month under way
const cohorts = [cohort('2026-01', 1000, [1000, 129, 32]), cohort('2026-02', 200, [200, 75], 1)];

/** The texts drawn on the heatmap (server-side SVG), with their fill. */
function drawnTexts(showLabels: boolean): Array<{ text: string; fill: string }> {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 640, height: 320 });
  chart.setOption({ animation: false, ...cohortHeatmapOption(cohorts, lv, lvFormat, 'lv', null, showLabels) });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((match) => ({ text: match[2], fill: match[1].match(/fill="([^"]*)"/)?.[1] ?? '' }));
}

describe('the rates written in the cohort heatmap\'s cells', () => {
  it('writes each cell\'s retention in the reader\'s format, the month under way included', () => {
    const texts = drawnTexts(true).map((drawn) => drawn.text);
    expect(texts).toEqual(expect.arrayContaining(['12,9%', '3,2%', '37,5%']));
  });

  it('writes them in a colour that stands out from the cell: white on the dark end of the scale, dark on the pale end and on the white month under way', () => {
    const drawn = drawnTexts(true);
    const fill = (text: string) => drawn.find((candidate) => candidate.text === text)?.fill.toLowerCase();
    // the scale's top is 15%: 12.9% is on its dark end, 3.2% on its pale end
    expect(fill('12,9%')).toBe(lightLabelColour);
    expect(fill('3,2%')).toBe(darkLabelColour);
    expect(fill('37,5%')).toBe(darkLabelColour);
    expect(cellLabelColour(0.5, 0.4)).toBe(lightLabelColour);
    expect(cellLabelColour(0.1, 0.4)).toBe(darkLabelColour);
  });

  it('leaves the cells bare when they are too narrow to hold a rate', () => {
    expect(drawnTexts(false).map((drawn) => drawn.text)).not.toContain('12,9%');
    expect(cellLabelsFit(900, 18)).toBe(true);
    expect(cellLabelsFit(360, 18)).toBe(false);
    expect(cellLabelsFit(360, 3)).toBe(true);
  });
});

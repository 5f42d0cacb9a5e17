import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { RevenueTrend } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { csvTable, readableTable } from '../../components/charts/chart-table.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { hasNoOrders, revenueTrendOption, revenueTrendTable, revenueTrendView } from './revenue-trend-option.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const t = tIn('en');
const format = createFormatters('en-GB', 'IDR', 'Asia/Jakarta');
/** A point as the server gives it: the days it counts [from, to), and whether they are fewer than the whole period's or include today. */
const point = (period: string, revenueMinor: number, from: string, to: string, isPartial = false) => ({ period, revenueMinor, orders: 1, customers: 1, from, to, isPartial });

// The demo store on 3 December 2026, per week: the year's range starts on Thursday 4 December 2025, so its first week holds 4 days
const live: RevenueTrend = {
  granularity: 'week', from: '2025-12-04', to: '2026-12-04', currency: 'IDR', hasPrices: true,
  points: [
    point('2025-12-01', 19_300_000, '2025-12-04', '2025-12-08', true), point('2025-12-08', 65_500_000, '2025-12-08', '2025-12-15'),
    point('2026-11-23', 60_000_000, '2026-11-23', '2026-11-30'), point('2026-11-30', 30_000_000, '2026-11-30', '2026-12-04', true),
  ],
};
// CDNOW per week, reported as of its end, 30 June 1998 (a Tuesday): its range starts on Tuesday 1 July 1997
const dataSet: RevenueTrend = {
  granularity: 'week', from: '1997-07-01', to: '1998-07-01', currency: 'USD', hasPrices: true,
  points: [
    point('1997-06-30', 1_745_897, '1997-07-01', '1997-07-07', true), point('1997-07-07', 1_867_715, '1997-07-07', '1997-07-14'),
    point('1998-06-22', 1_500_000, '1998-06-22', '1998-06-29'), point('1998-06-29', 450_000, '1998-06-29', '1998-07-01', true),
  ],
};

describe('the revenue trend, a period cut short at either end', () => {
  it('marks the first period when the range starts inside it, as it marks the last', () => {
    const view = revenueTrendView(live, [], 'today', t, format);
    expect(view.tooltipLabels).toEqual(['1 Dec 2025 (from 4 Dec 2025)', '8 Dec 2025', '23 Nov 2026', '30 Nov 2026 (so far)']);
    // the axis keeps the dates alone: a long label there left a phone's axis without any
    expect(view.labels).toEqual(['1 Dec 2025', '8 Dec 2025', '23 Nov 2026', '30 Nov 2026']);
    expect(view.partial.first).toMatchObject({ index: 0, tooltip: 'Only the days from 4 Dec 2025, when the range starts', note: 'Week of 1 Dec 2025: the range starts on 4 Dec 2025, so the dashed segment holds only its days from then on.' });
    expect(view.partial.last).toMatchObject({ index: 3, tooltip: 'Not over yet: only the days so far' });
  });

  it("says a data set's last period ends with the data, not that it is not over yet", () => {
    const view = revenueTrendView(dataSet, [], 'data', t, format);
    expect(view.tooltipLabels.at(-1)).toBe('29 Jun 1998 (to 30 Jun 1998)');
    expect(view.partial.last?.note).toBe('Week of 29 Jun 1998: the data ends on 30 Jun 1998, so the dashed segment holds only its days up to then.');
    expect(JSON.stringify(view)).not.toMatch(/not over yet/i);
    expect(view.tooltipLabels[0]).toBe('30 Jun 1997 (from 1 Jul 1997)');
  });

  it('draws both cut periods dashed from their neighbours and leaves them off the solid line; the tooltip names what they hold', () => {
    const option = revenueTrendOption(live, revenueTrendView(live, [], 'today', t, format), t, format, () => '');
    expect(option.tooltip.formatter([{ dataIndex: 0 }]).split('<br>')).toEqual([
      'Week of 1 Dec 2025 (from 4 Dec 2025)', 'Revenue: IDR\u00a019,300,000', 'Orders: 1', 'Buying customers: 1', 'Only the days from 4 Dec 2025, when the range starts',
    ]);
    expect(option.series[0].data).toEqual([null, 65_500_000, 60_000_000, null]);
    expect(option.series[1]).toMatchObject({ lineStyle: { type: 'dashed' }, data: [19_300_000, 65_500_000, 60_000_000, 30_000_000] });
    const whole = { ...live, from: '2025-12-01', to: '2026-12-07', points: live.points.slice(1, 3) };
    expect(revenueTrendOption(whole, revenueTrendView(whole, [], 'data', t, format), t, format, () => '').series).toHaveLength(1);
  });

  it('gives each period the days its total holds, in the table and the CSV', () => {
    const table = revenueTrendTable(live, revenueTrendView(live, [], 'today', t, format), t);
    expect(readableTable(table, format).rows[0]).toEqual(['1 Dec 2025 (only the days from 4 Dec 2025, when the range starts)', '4 Dec 2025', '7 Dec 2025', 'IDR\u00a019,300,000', '1', '1']);
    expect(csvTable(table, { currency: 'IDR', minorPerMajor: 1 }).slice(0, 2)).toEqual([
      ['Period', 'First day counted', 'Last day counted', 'Revenue (IDR)', 'Orders', 'Buying customers'],
      ['2025-12-01', '2025-12-04', '2025-12-07', '19300000', 1, 1],
    ]);
  });

  it('cuts only the periods the server marks: a live store\'s range ending before today has no period "so far"', () => {
    const earlier: RevenueTrend = { ...live, to: '2026-11-30', points: live.points.slice(1, 3) };
    const view = revenueTrendView(earlier, [], 'today', t, format);
    expect(view.partial).toEqual({ first: null, last: null });
    expect(view.tooltipLabels).toEqual(['8 Dec 2025', '23 Nov 2026']);
    // and the days a period holds are the server's, not worked out again here
    const table = revenueTrendTable(dataSet, revenueTrendView(dataSet, [], 'data', t, format), t);
    expect(csvTable(table, { currency: 'USD', minorPerMajor: 100 }).at(-1)?.slice(0, 3)).toEqual(['1998-06-29', '1998-06-29', '1998-06-30']);
  });

  it('draws a day without a sale at 0 and pins the alert about it to that day, as the server now sends every day', () => {
    // a live store per day: the outage on Tuesday 1 December 2026 sold nothing
    const daily: RevenueTrend = {
      ...live, granularity: 'day', from: '2026-11-30', to: '2026-12-03',
      points: [point('2026-11-30', 500_000, '2026-11-30', '2026-12-01'), { ...point('2026-12-01', 0, '2026-12-01', '2026-12-02'), orders: 0, customers: 0 }, point('2026-12-02', 400_000, '2026-12-02', '2026-12-03', true)],
    };
    const outage = { alertId: 1, kind: 'metric_drop', metric: 'revenue', scope: 'all', granularity: 'day', customerId: null, windowStart: '2026-12-01', windowEnd: '2026-12-01', expected: 500_000, actual: 0, changePct: -100, explanation: null, raisedAt: '2026-12-02T01:00:00Z', acknowledgedAt: null, acknowledgedBy: null };
    const view = revenueTrendView(daily, [outage], 'today', t, format);
    const option = revenueTrendOption(daily, view, t, format, () => '');
    expect(option.series[0].data).toEqual([500_000, 0, null]);
    expect(option.series[0].markPoint?.data).toEqual([{ name: '1', coord: [1, 0], value: '1' }]);
    expect(option.tooltip.formatter([{ dataIndex: 1 }]).split('<br>')).toEqual(['1 Dec 2026', 'Revenue: IDR\u00a00', 'Orders: 0', 'Buying customers: 0']);
    expect(csvTable(revenueTrendTable(daily, view, t), { currency: 'IDR', minorPerMajor: 1 })[2]).toEqual(['2026-12-01', '2026-12-01', '2026-12-01', '0', 0, 0]);
  });

  it('names months by month and cuts them the same way', () => {
    const monthly: RevenueTrend = { ...live, granularity: 'month', points: [point('2025-12-01', 1, '2025-12-04', '2026-01-01', true), point('2026-12-01', 2, '2026-12-01', '2026-12-04', true)] };
    expect(revenueTrendView(monthly, [], 'today', t, format).tooltipLabels).toEqual(['Dec 2025 (from 4 Dec 2025)', 'Dec 2026 (so far)']);
    expect(csvTable(revenueTrendTable(monthly, revenueTrendView(monthly, [], 'today', t, format), t), { currency: 'IDR', minorPerMajor: 1 })[1].slice(0, 3)).toEqual(['2025-12', '2025-12-04', '2025-12-31']);
  });

  describe('says a cut period in words that fit its granularity', () => {
    // a live store's year per day, per week and per month: the first week and month cut by the range's start, the last period by today
    const points = {
      day: [point('2025-12-04', 1, '2025-12-04', '2025-12-05'), point('2026-12-03', 2, '2026-12-03', '2026-12-04', true)],
      week: [live.points[0], live.points[3]],
      month: [point('2025-12-01', 1, '2025-12-04', '2026-01-01', true), point('2026-12-01', 2, '2026-12-01', '2026-12-04', true)],
    };
    const cutBothEnds = (granularity: RevenueTrend['granularity']): RevenueTrend => ({ ...live, granularity, points: points[granularity] });
    const asked = (granularity: RevenueTrend['granularity'], rangeEnd: 'today' | 'data' | 'range') => {
      const keys: string[] = [];
      revenueTrendView(cutBothEnds(granularity), [], rangeEnd, (key, variables) => { keys.push(key); return t(key, variables); }, format);
      return keys.filter((key) => /Note|incomplete/.test(key));
    };

    it.each(['day', 'week', 'month'] as const)('per %s: each note and the "not over yet" tooltip from the granularity\'s own message', (granularity) => {
      const starts = granularity === 'day' ? [] : [`reports.revenue.startsLateNote.${granularity}`];
      expect(asked(granularity, 'today')).toEqual([...starts, `reports.revenue.incomplete.${granularity}`, `reports.revenue.incompleteNote.${granularity}`]);
      expect(asked(granularity, 'data')).toEqual([...starts, `reports.revenue.dataEndsNote.${granularity}`]);
      expect(asked(granularity, 'range')).toEqual([...starts, `reports.revenue.rangeEndsNote.${granularity}`]);
    });

    it('in Latvian: a day and a week (feminine) "nav beigusies" and hold "tās" days, a month (masculine) "nav beidzies" and "tā"', () => {
      const lv = tIn('lv');
      const lvFormat = createFormatters('lv-LV', 'EUR', 'Europe/Riga');
      const week = revenueTrendView(cutBothEnds('week'), [], 'today', lv, lvFormat).partial;
      expect(week.last?.note).toBe('Nedēļa no 2026. gada 30. nov.: vēl nav beigusies, tāpēc raustītajā posmā ir tikai tās līdzšinējās dienas.');
      expect(week.last?.tooltip).toBe('Nedēļa vēl nav beigusies: tikai tās līdzšinējās dienas');
      expect(week.first?.note).toMatch(/ir tikai tās dienas, sākot no šī datuma\.$/);
      expect(revenueTrendView(cutBothEnds('week'), [], 'data', lv, lvFormat).partial.last?.note).toMatch(/ir tikai tās dienas līdz šim datumam\.$/);
      const day = revenueTrendView(cutBothEnds('day'), [], 'today', lv, lvFormat).partial.last;
      expect(day?.note).toMatch(/: diena vēl nav beigusies, tāpēc raustītajā posmā ir tikai tās līdzšinējie pirkumi\.$/);
      expect(day?.tooltip).toBe('Diena vēl nav beigusies: tikai līdzšinējie pirkumi');
      const month = revenueTrendView(cutBothEnds('month'), [], 'today', lv, lvFormat).partial.last;
      expect(month?.note).toMatch(/: mēnesis vēl nav beidzies, tāpēc raustītajā posmā ir tikai tā līdzšinējās dienas\.$/);
      // and no day or week note takes the masculine forms
      for (const granularity of ['day', 'week'] as const) {
        for (const key of ['incomplete', 'incompleteNote', 'startsLateNote', 'dataEndsNote', 'rangeEndsNote']) {
          expect({ key, text: lv(`reports.revenue.${key}.${granularity}`) }).not.toEqual({ key, text: expect.stringMatching(/beidzies|(^|\s)tā\s/) });
        }
      }
    });
  });
});

describe('the revenue trend of a store without orders', () => {
  const weeks = (orders: number, revenueMinor: number) => Array.from({ length: 53 }, (_, index) => {
    const day = new Date(Date.UTC(2025, 11, 1 + index * 7)).toISOString().slice(0, 10);
    const next = new Date(Date.UTC(2025, 11, 8 + index * 7)).toISOString().slice(0, 10);
    return { period: day, revenueMinor, orders, customers: orders, from: day, to: next, isPartial: false };
  });
  const empty: RevenueTrend = { granularity: 'week', from: '2025-12-01', to: '2026-12-07', currency: 'IDR', hasPrices: true, points: weeks(0, 0) };

  it('is empty when no period has an order, not a flat line of 53 weeks at IDR 0', () => {
    expect(hasNoOrders(empty)).toBe(true);
    expect(hasNoOrders({ points: [] })).toBe(true);
  });

  it('is drawn once a period has an order, even one without a price', () => {
    expect(hasNoOrders({ points: [...weeks(0, 0).slice(1), { ...weeks(0, 0)[0], orders: 1 }] })).toBe(false);
    expect(hasNoOrders({ points: weeks(1, 0) })).toBe(false);
    expect(hasNoOrders(live)).toBe(false);
  });

  it('says why and how orders come in, in every language', () => {
    for (const locale of ['en', 'id', 'lv'] as const) expect(tIn(locale)('reports.revenue.noOrders')).not.toBe('reports.revenue.noOrders');
  });
});

describe('the revenue axis', () => {
  /** The texts ECharts draws for an option (server-side SVG), as a reader would see them. */
  function drawnTexts(option: object): string[] {
    const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 560, height: 320 });
    chart.setOption({ animation: false, ...option });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
  }

  it('never steps by less than the currency\'s minor unit (IDR has no decimals: no "IDR 0.3")', () => {
    const small: RevenueTrend = { ...live, points: live.points.map((point, index) => ({ ...point, revenueMinor: index === 1 ? 1 : 0, isPartial: false })) };
    const view = revenueTrendView(small, [], 'data', t, format);
    const option = revenueTrendOption(small, view, t, format, () => '');
    expect(option.yAxis.minInterval).toBe(1);
    const texts = drawnTexts(option);
    expect(texts).toContain(format.moneyCompact(1));
    expect(texts.filter((text) => /IDR\s*0[.,]\d/.test(text))).toEqual([]);
  });
});

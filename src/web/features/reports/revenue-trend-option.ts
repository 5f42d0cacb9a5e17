import type { Alert, RevenueTrend } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import { alertColour, categoricalPalette } from '../../components/charts/palette.js';
import type { Formatters } from '../../i18n/format.js';
import { daysCounted, isCutAtEnd, isCutAtStart, type RangeEnd } from './revenue-periods.js';
import { moneyAxis } from '../../components/charts/count-axis.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type TrendFormat = Pick<Formatters, 'number' | 'money' | 'moneyCompact' | 'date' | 'month'>;

type Marker = { period: string; index: number; alerts: Alert[] };

/** Each metric-drop alert pinned to the period its window ends in, several alerts of one period sharing a marker. */
export function alertMarkers(periods: readonly string[], alerts: readonly Alert[]): Marker[] {
  const byIndex = new Map<number, Alert[]>();
  for (const alert of alerts) {
    if (alert.kind !== 'metric_drop') continue;
    let index = -1;
    for (let candidate = 0; candidate < periods.length; candidate += 1) if (periods[candidate] <= alert.windowEnd) index = candidate;
    if (index < 0) continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), alert]);
  }
  return [...byIndex].sort((a, b) => a[0] - b[0]).map(([index, grouped]) => ({ period: periods[index], index, alerts: grouped }));
}

/**
 * No order at all in the trend's range (an empty store, or none in these dates): every period at 0 orders and 0
 * revenue. Drawn, it was a flat line of "IDR 0" periods that never said why; the page says so instead, and how orders
 * come in. A range with orders whose amounts are 0 is not this: it has orders, only no prices (`hasPrices`).
 */
export function hasNoOrders(trend: Pick<RevenueTrend, 'points'>): boolean {
  return trend.points.every((point) => point.orders === 0 && point.revenueMinor === 0);
}

/**
 * The revenue axis: amounts come in the currency's minor units (cents; whole rupiah, IDR having none), so its
 * steps are at least one of them: a small store's axis read "IDR 0.3", "IDR 0.6", amounts no one can pay.
 */
export function revenueAxis(format: Pick<Formatters, 'moneyCompact'>) {
  return { ...moneyAxis(format), minInterval: 1 };
}

/** A period the range cuts short, with what its label, tooltip and the note under the chart say. */
export type PartialPeriod = { index: number; label: string; tooltip: string; note: string };

export type RevenueTrendView = {
  /** The axis's labels: the periods' dates alone, as a long "(from 4 Dec 2025)" left a phone's axis with no label at all. */
  labels: string[];
  /** The tooltip's: a cut period named for what it holds. */
  tooltipLabels: string[];
  /** The first period, cut by the range's start (a year back from today); the last, by today, the data's end or the range's. */
  partial: { first: PartialPeriod | null; last: PartialPeriod | null };
  markers: Marker[];
};

/**
 * How each period is named, and which are cut short (the server marks them). A cut period's smaller
 * total would read as a slump: it is drawn dashed from its neighbour, named in its tooltip for what it
 * holds ("1 Dec 2025 (from 4 Dec 2025)", "30 Nov 2026 (so far)", "29 Jun 1998 (to 30 Jun 1998)") and
 * said in a note under the chart. A data set's last week is not "not over yet": its days are over, the data simply ends.
 */
export function revenueTrendView(trend: RevenueTrend, alerts: readonly Alert[], rangeEnd: RangeEnd, t: Translate, format: TrendFormat): RevenueTrendView {
  const periods = trend.points.map((point) => point.period);
  const label = (period: string) => (trend.granularity === 'month' ? format.month(period) : format.date(period));
  const labels = periods.map(label);
  const name = periodNamer(trend, t);
  // one message per granularity: Latvian says a week or a day "nav beigusies", a month "nav beidzies"
  const ofGranularity = (key: string) => `reports.revenue.${key}.${trend.granularity}`;
  const last = trend.points.length - 1;
  let first: PartialPeriod | null = null;
  if (last >= 0 && isCutAtStart(trend.points[0])) {
    const day = format.date(trend.points[0].from);
    first = { index: 0, label: t('reports.revenue.fromDay', { period: labels[0], day }), tooltip: t('reports.revenue.startsLate', { day }), note: t(ofGranularity('startsLateNote'), { period: name(labels[0]), day }) };
  }
  let lastPartial: PartialPeriod | null = null;
  if (last >= 0 && isCutAtEnd(trend.points[last], trend)) {
    const day = format.date(daysCounted(trend.points[last]).lastDay);
    lastPartial = rangeEnd === 'today'
      ? { index: last, label: t('reports.revenue.soFar', { period: labels[last] }), tooltip: t(ofGranularity('incomplete')), note: t(ofGranularity('incompleteNote'), { period: name(labels[last]) }) }
      : {
        index: last, label: t('reports.revenue.toDay', { period: labels[last], day }),
        tooltip: t(rangeEnd === 'data' ? 'reports.revenue.dataEnds' : 'reports.revenue.rangeEnds', { day }),
        note: t(ofGranularity(rangeEnd === 'data' ? 'dataEndsNote' : 'rangeEndsNote'), { period: name(labels[last]), day }),
      };
  }
  const tooltipLabels = [...labels];
  if (lastPartial) tooltipLabels[last] = lastPartial.label;
  // a single period cut at both ends is named by its start; its tooltip lines and notes give both ends
  if (first) tooltipLabels[0] = first.label;
  return { labels, tooltipLabels, partial: { first, last: lastPartial }, markers: alertMarkers(periods, alerts) };
}

/** "Week of 1 Dec 2025", or the day or month alone. */
function periodNamer(trend: RevenueTrend, t: Translate): (label: string) => string {
  const key = trend.granularity === 'day' ? 'reports.revenue.tooltipDay' : trend.granularity === 'week' ? 'reports.revenue.tooltipWeek' : 'reports.revenue.tooltipMonth';
  return (label) => t(key, { period: label });
}

/** Revenue over time with alert markers; a period cut short is left off the solid line and drawn dashed from its neighbour. */
export function revenueTrendOption(trend: RevenueTrend, view: RevenueTrendView, t: Translate, format: TrendFormat, alertText: (alert: Alert) => string) {
  const { labels, tooltipLabels, partial, markers } = view;
  const name = periodNamer(trend, t);
  const revenue = trend.points.map((point) => point.revenueMinor);
  const cut = [partial.first, partial.last].filter((period): period is PartialPeriod => period !== null);
  const isCut = (index: number) => cut.some((period) => period.index === index);
  // the dashed pieces: a cut period and the whole one beside it, null elsewhere so the line breaks between them
  const isDashed = (index: number) => cut.some((period) => Math.abs(period.index - index) <= 1);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ dataIndex: number }>) => {
        const index = items[0]?.dataIndex ?? 0;
        const point = trend.points[index];
        if (!point) return '';
        const lines = [
          name(tooltipLabels[index]),
          `${t('reports.common.revenue')}: ${format.money(point.revenueMinor)}`,
          `${t('reports.revenue.orders')}: ${format.number(point.orders)}`,
          `${t('reports.revenue.customers')}: ${format.number(point.customers)}`,
          ...cut.filter((period) => period.index === index).map((period) => period.tooltip),
        ];
        return lines.map(escapeHtml).join('<br>');
      },
    },
    grid: gridAroundLabels({ left: 8, right: 16, top: 24, bottom: 8 }),
    // the first and last dates kept inside the chart: centred under their points they were cut off
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' } },
    yAxis: revenueAxis(format),
    series: [{
      name: t('reports.common.revenue'), type: 'line', data: revenue.map((value, index) => (isCut(index) ? null : value)), showSymbol: trend.points.length <= 60,
      markPoint: {
        symbol: 'pin', symbolSize: 34, itemStyle: { color: alertColour },
        data: markers.map((marker) => ({ name: String(marker.index), coord: [marker.index, trend.points[marker.index].revenueMinor], value: String(marker.alerts.length) })),
        label: { show: true, color: '#ffffff', fontSize: 11 },
        tooltip: { trigger: 'item', formatter: (parameters: { name: string }) => (markers.find((marker) => String(marker.index) === parameters.name)?.alerts ?? []).map((alert) => escapeHtml(alertText(alert))).join('<br>') },
      },
    }, ...(cut.length > 0 ? [{
      name: t('reports.revenue.partialSeries'), type: 'line', data: revenue.map((value, index) => (isDashed(index) ? value : null)),
      lineStyle: { type: 'dashed' }, itemStyle: { color: categoricalPalette[0] }, symbol: 'emptyCircle', showSymbol: true,
    }] : [])],
  };
}

/**
 * The trend's numbers for screen readers and the CSV: each period with the days its total holds, so a
 * period the range cuts short says so in both (and its label says why to a screen reader).
 */
export function revenueTrendTable(trend: RevenueTrend, view: RevenueTrendView, t: Translate): ChartTable {
  // the tooltip's words in brackets after the period: "1 Dec 2025 (only the days from 4 Dec 2025, when the range starts)"
  const inBrackets = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);
  const notes = new Map([view.partial.first, view.partial.last].filter((period): period is PartialPeriod => period !== null).map((period) => [period.index, inBrackets(period.tooltip)]));
  return {
    header: [t('reports.revenue.period'), t('reports.revenue.firstDay'), t('reports.revenue.lastDay'), t('reports.common.revenue'), t('reports.revenue.orders'), t('reports.revenue.customers')],
    kinds: [trend.granularity === 'month' ? 'month' : 'day', 'day', 'day', 'money', 'count', 'count'],
    rows: trend.points.map((point, index) => {
      const { firstDay, lastDay } = daysCounted(point);
      const note = notes.get(index);
      const period = trend.granularity === 'month' ? point.period.slice(0, 7) : point.period;
      return [note ? { value: period, note } : period, firstDay, lastDay, point.revenueMinor, point.orders, point.customers];
    }),
  };
}

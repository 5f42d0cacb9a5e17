import { emptyRfmScores } from '../../../analytics/rfm.js';
import { rfmSegmentOf } from '../../../analytics/rfm-segments.js';
import type { RfmReport } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { sequentialPalette } from '../../components/charts/palette.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { rfmSegmentLabel } from './rfm-segment-label.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type GridFormatters = Pick<Formatters, 'number' | 'compact'>;

/** A heatmap cell: [frequency score − 1, recency score − 1, customers]. */
export type RfmGridCell = [number, number, number];

/** One cell in words: its scores, the RFM segment they make (as the segments chart names it) and its customers. */
export function rfmCellTooltip(cell: RfmGridCell, t: Translate, format: GridFormatters, locale: Locale): string {
  const [f, r, customers] = [cell[0] + 1, cell[1] + 1, cell[2]];
  return t(pluralKey(locale, 'reports.rfm.tooltip', customers), { r, f, segment: rfmSegmentLabel(t, rfmSegmentOf(r, f)), customers: format.number(customers) });
}

/** Recency (rows) × frequency (columns) scores, 5 = best; the colour is the number of customers. */
export function rfmGridOption(report: RfmReport, t: Translate, format: GridFormatters, locale: Locale) {
  const scores = ['1', '2', '3', '4', '5'];
  const maximum = Math.max(1, ...report.grid.map((cell) => cell.customers));
  return {
    tooltip: { formatter: (parameters: { value: RfmGridCell }) => rfmCellTooltip(parameters.value, t, format, locale) },
    grid: { left: 64, right: 16, top: 16, bottom: 96 },
    xAxis: { type: 'category', data: scores, name: t('reports.rfm.frequency'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
    yAxis: { type: 'category', data: scores, name: t('reports.rfm.recency'), nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
    // the legend's ends and handles in the reader's number format ("4,470", "4.470"), whole customers when a handle is dragged
    visualMap: {
      min: 0, max: maximum, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...sequentialPalette] },
      formatter: (value: number) => format.number(Math.round(value)),
    },
    series: [{ type: 'heatmap', data: report.grid.map((cell): RfmGridCell => [cell.f - 1, cell.r - 1, cell.customers]), label: { show: true, formatter: (parameters: { value: RfmGridCell }) => format.compact(parameters.value[2]) } }],
  };
}

/** Why a score has no customers (ties share the score of the fifth their group begins in), or null when every score has some. */
export function rfmEmptyScoresNote(report: Pick<RfmReport, 'customers' | 'grid'>, t: Translate): string | null {
  if (report.customers === 0) return null;
  const empty = emptyRfmScores(report.grid);
  const scores = [...empty.recency.map((score) => `R${score}`), ...empty.frequency.map((score) => `F${score}`)];
  return scores.length === 0 ? null : t('reports.rfm.emptyScores', { scores: scores.join(', ') });
}

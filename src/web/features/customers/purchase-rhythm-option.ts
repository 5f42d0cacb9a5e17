import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { RhythmPoint } from './purchase-rhythm.js';
import { rhythmTooltipText } from './purchase-rhythm-tooltip.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type RhythmI18n = { t: Translate; format: Pick<Formatters, 'date' | 'number' | 'money'>; locale: Locale };

/** A generous width of a 12 px label, in pixels: the chart is laid out before anything is measured. */
function labelWidth(text: string): number {
  return Math.ceil(text.length * 7.5);
}

/**
 * The purchase rhythm's bars with the median gap as a line. The median's label stands beyond the plot's
 * right end, in a margin made for it: inside the plot ("insideEndTop") it lay over the last bar whenever
 * that bar rose above the median, which is where a lengthening gap, the sign the chart is for, shows.
 */
export function purchaseRhythmOption(withGaps: readonly RhythmPoint[], median: number | null, hasPrices: boolean | null, { t, format, locale }: RhythmI18n) {
  const medianText = median === null ? '' : t('customer.rhythm.medianLabel', { days: format.number(median, 1) });
  const right = median === null ? 16 : labelWidth(medianText) + 12;
  return {
    tooltip: { trigger: 'axis', formatter: (items: Array<{ dataIndex: number }>) => rhythmTooltipText(withGaps[items[0].dataIndex], hasPrices, { t, format, locale }) },
    grid: gridAroundLabels({ left: 8, right, top: 24, bottom: 8 }, { left: 8, right: 16, top: 24, bottom: 8 }),
    xAxis: { type: 'category', data: withGaps.map((point) => format.date(point.day)) },
    yAxis: { type: 'value', name: t('customer.rhythm.daysAxis') },
    series: [{
      name: t('customer.rhythm.gap'), type: 'bar', data: withGaps.map((point) => point.gapDays),
      markLine: median === null ? undefined : {
        symbol: 'none', data: [{ yAxis: median, name: t('customer.rhythm.median') }],
        label: { position: 'end', distance: 6, formatter: () => medianText },
      },
    }],
  };
}

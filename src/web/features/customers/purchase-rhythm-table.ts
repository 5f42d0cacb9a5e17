import type { ChartTable } from '../../components/charts/chart-table.js';
import type { RhythmPoint } from './purchase-rhythm.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * The rhythm's numbers for screen readers and the CSV, as the reports' chart tables give theirs: the day as a
 * date and what was paid that day in the store's money in the reader's numbers; the CSV writes major units
 * and names the currency in its header. Minor units as they are ("1250" for €12.50) read as a price 100 times too high.
 */
export function purchaseRhythmTable(points: readonly RhythmPoint[], t: Translate): ChartTable {
  return {
    header: [t('customer.rhythm.day'), t('customer.rhythm.gap'), t('reports.common.revenue')],
    kinds: ['day', 'count', 'money'],
    rows: points.map((point) => [point.day, point.gapDays, point.amountMinor]),
  };
}

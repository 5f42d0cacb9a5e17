import type { ChartTable } from '../../components/charts/chart-table.js';
import type { Formatters } from '../../i18n/format.js';
import type { PredictionFigures } from './prediction-figures.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type MoneyI18n = { t: Translate; format: Pick<Formatters, 'money'> };

/**
 * An amount as the customer pages show it: money, or "No prices recorded" (the wording of Home and
 * Reports) when the store's orders carry no prices, whose 0 would read as nothing spent. `hasPrices`
 * null (not known) shows the amount.
 */
export function moneyOrUnpriced(amountMinor: number, hasPrices: boolean | null, { t, format }: MoneyI18n): string {
  return hasPrices === false ? t('reports.common.noPrices') : format.money(amountMinor);
}

/** The purchase rhythm's table without prices: each day's money column says so, as the RFM segments' table does. */
export function unpricedRhythmTable(table: ChartTable, t: Translate): ChartTable {
  const noPrices = t('reports.common.noPrices');
  return { ...table, rows: table.rows.map((row) => row.map((cell, column) => (table.kinds?.[column] === 'money' ? noPrices : cell))) };
}

/**
 * The prediction's money without prices: the spend model learned from amounts of 0, so its expected
 * spend and lifetime value say nothing, and a one-time buyer's "store average" note neither.
 */
export function unpricedPredictionFigures(figures: PredictionFigures, t: Translate): PredictionFigures {
  const noPrices = t('reports.common.noPrices');
  return { ...figures, expectedSpend: noPrices, clv: noPrices, notes: figures.notes.filter((note) => note.key !== 'storeAverage') };
}

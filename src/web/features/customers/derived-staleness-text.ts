import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { CustomerRfm, Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import type { PredictionStaleness, RfmStaleness } from './prediction-staleness.js';

type Translate = (key: string, values?: Record<string, string | number>) => string;
type StalenessI18n = { t: Translate; locale: Locale; format: Pick<Formatters, 'number' | 'date' | 'dateTime'> };

/**
 * What an RFM score rests on and, when a merge since changed whose purchases are the customer's or
 * orders were recorded or changed after its analysis, that they are not in it (rfmStaleness): RFM
 * is made only by the analysis, so a customer who just spent $500 still reads "Lost" until it runs
 * again, and a win-back list must not take that at its word. Without `staleness`, by the server's
 * count alone. A merge's notice says what the score rests on itself, so `basis` is then null rather
 * than said twice; a reader who may run the analysis (`canRunAnalysis`: Reports' Run analysis) is
 * told where, in words, never as a command of the command line.
 */
export function rfmStalenessText(
  rfm: CustomerRfm, { t, locale, format }: StalenessI18n,
  staleness: RfmStaleness = rfm.orders_recorded_since > 0 ? { reason: 'recorded', count: rfm.orders_recorded_since } : null,
  { canRunAnalysis = false }: { canRunAnalysis?: boolean } = {},
): { basis: string | null; stale: string | null } {
  const made = { analysedAt: format.dateTime(rfm.analysed_at), asOf: format.date(rfm.as_of) };
  const basis = t('customer.rfm.basis', made);
  if (!staleness) return { basis, stale: null };
  const withRun = (text: string) => (canRunAnalysis ? `${text} ${t('customer.rfm.runOnReports')}` : text);
  if (staleness.reason === 'recorded') return { basis, stale: withRun(t(pluralKey(locale, 'customer.rfm.stale', staleness.count), { count: format.number(staleness.count) })) };
  const key = staleness.reason === 'merge' ? 'customer.rfm.staleMerge' : 'customer.rfm.staleMergeUndone';
  return { basis: null, stale: withRun(t(key, { ...made, other: staleness.otherCustomerId ?? '?', at: format.dateTime(staleness.at) })) };
}

/** The prediction card's sentence on why its figures predate the customer as they are now (predictionStaleness). */
export function predictionStalenessText(
  staleness: NonNullable<PredictionStaleness>, prediction: Pick<CustomerPrediction, 'asOf' | 'predictedAt'>, { t, locale, format }: StalenessI18n,
): string {
  const made = { predictedAt: format.dateTime(prediction.predictedAt), asOf: format.date(prediction.asOf) };
  if (staleness.reason === 'recorded') return t(pluralKey(locale, 'customer.prediction.stale.recorded', staleness.count), { ...made, count: format.number(staleness.count) });
  if (staleness.reason === 'orders') {
    return t(pluralKey(locale, 'customer.prediction.stale.orders', staleness.count), { ...made, count: format.number(staleness.count), at: format.date(staleness.at) });
  }
  return t(`customer.prediction.stale.${staleness.reason}`, { ...made, other: staleness.otherCustomerId ?? '?', at: format.dateTime(staleness.at) });
}

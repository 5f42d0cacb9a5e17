import type { AnalyzeResult } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** What a finished analysis found, its customers and alerts each in the plural form their count takes ("1 alert", "0 brīdinājumu"). */
export function analysisDoneText(result: AnalyzeResult, t: Translate, format: Pick<Formatters, 'number' | 'date'>, locale: Locale): string {
  const alerts = result.alerts.metricDrops + result.alerts.customerOverdue;
  return t('reports.analyze.done', {
    analysed: t(pluralKey(locale, 'reports.analyze.customers', result.customers), { customers: format.number(result.customers) }),
    asOf: format.date(result.asOf), entered: format.number(result.typeChanges.entered), left: format.number(result.typeChanges.left),
    alerts: t(pluralKey(locale, 'reports.analyze.alerts', alerts), { alerts: format.number(alerts) }),
    seconds: format.number(result.timingMs.total / 1000, 1),
  });
}

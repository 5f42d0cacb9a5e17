import type { AnalyzeResult } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { dayForMessage } from './message-day.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * What a finished analysis found, its customers and alerts each in the plural form their count takes ("1 new alert", "0 jaunu
 * brīdinājumu"): the alerts it raised and those open in all, so alerts an earlier run raised do not read as none.
 */
export function analysisDoneText(result: AnalyzeResult, t: Translate, format: Pick<Formatters, 'number' | 'date'>, locale: Locale): string {
  const raised = result.alerts.new.metricDrops + result.alerts.new.customerOverdue;
  const open = result.alerts.open.metricDrops + result.alerts.open.customerOverdue;
  return t('reports.analyze.done', {
    analysed: t(pluralKey(locale, 'reports.analyze.customers', result.customers), { customers: format.number(result.customers) }),
    asOf: dayForMessage(result.asOf, { key: 'reports.analyze.done', name: 'asOf' }, locale, format), entered: format.number(result.typeChanges.entered), left: format.number(result.typeChanges.left),
    newAlerts: t(pluralKey(locale, 'reports.analyze.newAlerts', raised), { alerts: format.number(raised) }),
    openAlerts: t(pluralKey(locale, 'reports.analyze.openAlerts', open), { alerts: format.number(open) }),
    seconds: format.number(result.timingMs.total / 1000, 1),
  });
}

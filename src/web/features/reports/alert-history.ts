import type { Alert } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { actorLabel, isReaderActor } from '../customers/actor-label.js';
import type { AlertStatus } from '../home/use-open-alert-pages.js';

/**
 * The Reports page's list of every alert, the acknowledged ones too (Home lists only the open, and an
 * acknowledged alert left it for good once its Undo was gone), paged as Home's (useAlertPages): GET
 * /api/alerts lists by `status` open, acknowledged or all, counting the alerts of that status in `total`.
 */
export const alertFilters = ['open', 'acknowledged', 'all'] as const satisfies readonly AlertStatus[];
export type AlertFilter = (typeof alertFilters)[number];

type HistoryI18n = Pick<I18n, 't' | 'format' | 'locale'>;

/**
 * An alert's state: open, or acknowledged when and by whom, as the API gives them ("Acknowledged by
 * ana@shop.id on 7 Dec 2026, 12:32"); the reader's own acknowledgement is theirs ("by you", see
 * isReaderActor), whether the server named them by email or by id alone.
 */
export function alertStateText(alert: Pick<Alert, 'acknowledgedAt' | 'acknowledgedBy'>, { t, format }: HistoryI18n, readerUserId?: number | null): string {
  if (alert.acknowledgedAt === null) return t('reports.alerts.stateOpen');
  const at = format.dateTime(alert.acknowledgedAt);
  if (!alert.acknowledgedBy) return t('reports.alerts.acknowledgedAt', { at });
  if (isReaderActor(alert.acknowledgedBy, readerUserId)) return t('reports.alerts.acknowledgedByYou', { at });
  return t('reports.alerts.acknowledgedBy', { actor: actorLabel(alert.acknowledgedBy, t), at });
}

/**
 * How many are listed: all of them when no page remains; else how many of how many (the server's
 * total of the filter's alerts), or only how many when a server gives no total.
 */
export function alertHistoryCountText(shown: number, filter: AlertFilter, pages: { hasMore: boolean; total: number | null }, { t, format, locale }: HistoryI18n): string {
  if (!pages.hasMore || pages.total === null) return t(pluralKey(locale, `reports.alerts.count.${filter}`, shown), { count: format.number(shown) });
  return t(pluralKey(locale, `reports.alerts.shownOfTotal.${filter}`, pages.total), { shown: format.number(shown), count: format.number(pages.total) });
}

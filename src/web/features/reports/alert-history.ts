import type { Alert, AlertsPage } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { actorLabel, isReaderActor } from '../customers/actor-label.js';
import { withNextPage } from '../home/open-alert-pages.js';

/**
 * The Reports page's list of every alert, the acknowledged ones too (Home lists only the open, and an
 * acknowledged alert left it for good once its Undo was gone). GET /api/alerts pages by cursor and
 * lists by `status` open, acknowledged or all, counting the alerts of that status in `total`.
 */
export const alertFilters = ['open', 'acknowledged', 'all'] as const;
export type AlertFilter = (typeof alertFilters)[number];

export type AlertHistoryPages = { alerts: Alert[]; nextCursor: string | null; total: number | null };

type FetchPage = (cursor: string | undefined) => Promise<AlertsPage>;

/**
 * The next page after `loaded` (from the top when null), asked for with the cursor after its last
 * alert; the total is the server's count of the filter's alerts, kept from the first page.
 */
export async function loadAlertPages(fetchPage: FetchPage, loaded: AlertHistoryPages | null): Promise<AlertHistoryPages> {
  if (loaded !== null && loaded.nextCursor === null) return loaded;
  const page = await fetchPage(loaded?.nextCursor ?? undefined);
  return { alerts: withNextPage(loaded?.alerts ?? [], page.alerts), nextCursor: page.nextCursor, total: loaded?.total ?? page.total ?? null };
}

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
export function alertHistoryCountText(shown: number, filter: AlertFilter, pages: Pick<AlertHistoryPages, 'nextCursor' | 'total'>, { t, format, locale }: HistoryI18n): string {
  if (pages.nextCursor === null || pages.total === null) return t(pluralKey(locale, `reports.alerts.count.${filter}`, shown), { count: format.number(shown) });
  return t(pluralKey(locale, `reports.alerts.shownOfTotal.${filter}`, pages.total), { shown: format.number(shown), count: format.number(pages.total) });
}

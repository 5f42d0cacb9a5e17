import type { Alert, AlertsPage } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { actorLabel } from '../customers/actor-label.js';
import { withNextPage } from '../home/open-alert-pages.js';

/**
 * The Reports page's list of every alert, the acknowledged ones too (Home lists only the open, and an
 * acknowledged alert left it for good once its Undo was gone). GET /api/alerts pages by cursor and
 * knows `status` open or all; the acknowledged are the answers of `all` whose `acknowledgedAt` is set.
 */
export const alertFilters = ['open', 'acknowledged', 'all'] as const;
export type AlertFilter = (typeof alertFilters)[number];

/** What GET /api/alerts is asked for (`status`) to list a filter's alerts. */
export function alertStatusOf(filter: AlertFilter): 'open' | 'all' {
  return filter === 'open' ? 'open' : 'all';
}

export function isInFilter(alert: Pick<Alert, 'acknowledgedAt'>, filter: AlertFilter): boolean {
  if (filter === 'all') return true;
  return filter === 'acknowledged' ? alert.acknowledgedAt !== null : alert.acknowledgedAt === null;
}

export type AlertHistoryPages = { alerts: Alert[]; nextCursor: string | null; total: number | null };

type FetchPage = (cursor: string | undefined) => Promise<AlertsPage>;

/**
 * The next page(s) after `loaded` (from the top when null), following the cursor. For a filter the
 * server cannot ask for (acknowledged), a page of `all` may hold none of them: the pages are followed
 * until one adds an alert the filter shows, the list ends, or `maxRequests` were asked for, so Show
 * more never adds nothing while more are to come.
 */
export async function loadAlertPages(fetchPage: FetchPage, loaded: AlertHistoryPages | null, filter: AlertFilter, maxRequests = 5): Promise<AlertHistoryPages> {
  let pages = loaded;
  for (let request = 0; request < maxRequests; request += 1) {
    if (pages !== null && pages.nextCursor === null) break;
    const page = await fetchPage(pages?.nextCursor ?? undefined);
    const before = pages?.alerts ?? [];
    const alerts = withNextPage(before, page.alerts);
    pages = { alerts, nextCursor: page.nextCursor, total: pages?.total ?? page.total ?? null };
    if (alerts.slice(before.length).some((alert) => isInFilter(alert, filter))) break;
  }
  return pages ?? { alerts: [], nextCursor: null, total: null };
}

type HistoryI18n = Pick<I18n, 't' | 'format' | 'locale'>;

/** An alert's state: open, or acknowledged when and by whom, as the API gives them ("Acknowledged by ana@shop.id on 7 Dec 2026, 12:32"). */
export function alertStateText(alert: Pick<Alert, 'acknowledgedAt' | 'acknowledgedBy'>, { t, format }: HistoryI18n): string {
  if (alert.acknowledgedAt === null) return t('reports.alerts.stateOpen');
  const at = format.dateTime(alert.acknowledgedAt);
  return alert.acknowledgedBy ? t('reports.alerts.acknowledgedBy', { actor: actorLabel(alert.acknowledgedBy, t), at }) : t('reports.alerts.acknowledgedAt', { at });
}

/**
 * How many are listed: all of them when no page remains; else how many of how many (the server's
 * total of open or of all alerts), or, for the acknowledged, whose total the server does not count,
 * that more may follow.
 */
export function alertHistoryCountText(shown: number, filter: AlertFilter, pages: Pick<AlertHistoryPages, 'nextCursor' | 'total'>, { t, format, locale }: HistoryI18n): string {
  const hasMore = pages.nextCursor !== null;
  if (!hasMore) return t(pluralKey(locale, `reports.alerts.count.${filter}`, shown), { count: format.number(shown) });
  if (filter !== 'acknowledged' && pages.total !== null) {
    return t(pluralKey(locale, `reports.alerts.shownOfTotal.${filter}`, pages.total), { shown: format.number(shown), count: format.number(pages.total) });
  }
  return t(pluralKey(locale, 'reports.alerts.shownMore', shown), { count: format.number(shown) });
}

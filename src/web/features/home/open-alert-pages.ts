import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

/** The most alerts GET /api/alerts gives in one answer (its `limit`, analytics.routes.ts). */
export const maxAlertsPerRequest = 500;

/**
 * The alerts loaded so far followed by the next page's. The page is asked for with the cursor
 * after the last alert loaded, so it starts where the list ends however acknowledgements have
 * shifted the open list since (an offset would skip one alert per acknowledgement); an alert
 * already listed (an answer that crossed a refresh) is not listed twice.
 */
export function withNextPage<T extends { alertId: number }>(loaded: readonly T[], page: readonly T[]): T[] {
  const listed = new Set(loaded.map((alert) => alert.alertId));
  return [...loaded, ...page.filter((alert) => !listed.has(alert.alertId))];
}

/**
 * How many alerts a refresh from the top asks for: as many as the list held, so that the open
 * ones after the acknowledged move up into their places, at the end of the list where the reader
 * sees them, instead of the list shrinking back to its first page and hiding the pages loaded.
 */
export function refreshLimitOf(loadedCount: number, pageSize: number): number {
  return Math.min(Math.max(loadedCount, pageSize), maxAlertsPerRequest);
}

type OpenCount = { shownOpen: number; total: number | null; hasMore: boolean };

/**
 * The line saying how many alerts are open: all of them when the list is complete; while a next
 * page remains, how many of how many are shown, or, from a server that gives no total, only that
 * more are open.
 */
export function openAlertsCountText({ shownOpen, total, hasMore }: OpenCount, { t, format, locale }: Pick<I18n, 't' | 'format' | 'locale'>): string {
  if (!hasMore) return t(pluralKey(locale, 'home.openAlertsCount', shownOpen), { count: format.number(shownOpen) });
  // the noun follows the total ("of 21 open alerts"); the sentences are worded so nothing follows the number shown
  if (total !== null) return t(pluralKey(locale, 'home.openAlertsShownOfTotal', total), { shown: format.number(shownOpen), count: format.number(total) });
  return t(pluralKey(locale, 'home.openAlertsShownMore', shownOpen), { count: format.number(shownOpen) });
}

/**
 * The open total as it stands now: the server's, counted when the list was last asked for from
 * the top, less the alerts listed since then that were acknowledged here (listed but no longer
 * open), and never fewer than the open ones shown.
 */
export function openTotalOf(total: number | null, listedCount: number, shownOpen: number): number | null {
  return total === null ? null : Math.max(total - (listedCount - shownOpen), shownOpen);
}

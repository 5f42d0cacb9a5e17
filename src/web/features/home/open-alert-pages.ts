import type { Locale } from '../../api/types.js';
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

/**
 * The message key of the line saying how many alerts are open: all of them when the list is
 * complete, only those shown (and that more are open) while a next page remains. The API gives
 * no total, so "10 of 12" cannot be said before the last page is loaded.
 */
export function openAlertsCountKey(locale: Locale, shownOpen: number, hasMore: boolean): string {
  return pluralKey(locale, hasMore ? 'home.openAlertsShownMore' : 'home.openAlertsCount', shownOpen);
}

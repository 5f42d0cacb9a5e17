import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

type CountState = { shown: number; total: number | null; hasMore: boolean };

/** The line above the customer list: the whole list, so many of a known total, or so many so far while the total is counted. */
export function customerCountText({ shown, total, hasMore }: CountState, { t, format, locale }: Pick<I18n, 't' | 'format' | 'locale'>): string {
  if (!hasMore) return t(pluralKey(locale, 'customers.total', shown), { count: format.number(shown) });
  if (total !== null) return t(pluralKey(locale, 'customers.shownOfTotal', total), { shown: format.number(shown), count: format.number(total) });
  return t(pluralKey(locale, 'customers.loadedSoFar', shown), { count: format.number(shown) });
}

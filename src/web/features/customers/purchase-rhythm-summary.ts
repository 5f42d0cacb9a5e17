import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

/**
 * "Typically 8 days between purchases, over 5 purchase days": the median gap to one decimal, shown only
 * when it is not whole ("8,5", never "8,0"). The noun follows the number as shown: a whole number by the
 * language's plural rules ("1 diena", "21 diena", "8 dienas"), a fraction in the other form ("8,5 dienas", "1.5 days").
 */
export function purchaseRhythmSummary(medianDays: number, purchaseDays: number, { t, format, locale }: Pick<I18n, 't' | 'format'> & { locale: Locale }): string {
  const days = Math.round(medianDays * 10) / 10;
  const isWhole = Number.isInteger(days);
  const key = isWhole ? pluralKey(locale, 'customer.rhythm.summary', days) : 'customer.rhythm.summary.other';
  return t(key, { days: format.number(days, isWhole ? 0 : 1), count: format.number(purchaseDays) });
}

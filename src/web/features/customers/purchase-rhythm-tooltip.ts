import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import type { RhythmPoint } from './purchase-rhythm.js';
import { moneyOrUnpriced } from './unpriced-money.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type TooltipI18n = { t: Translate; format: Pick<Formatters, 'date' | 'number' | 'money'>; locale: Locale };

/** A rhythm bar's tooltip: the gap takes the form its count needs ("1 day", Latvian "21 dienu"). */
export function rhythmTooltipText(point: RhythmPoint, hasPrices: boolean | null, { t, format, locale }: TooltipI18n): string {
  const days = point.gapDays ?? 0;
  return t(pluralKey(locale, 'customer.rhythm.tooltip', days), { date: format.date(point.day), days: format.number(days), amount: moneyOrUnpriced(point.amountMinor, hasPrices, { t, format }) });
}

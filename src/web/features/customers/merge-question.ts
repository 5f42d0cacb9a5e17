import type { Customer } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { customerLabel } from './customer-label.js';

/** "Merge Ana (no. 1499, 1 order) into this customer? …", the order count in the form its number takes. */
export function mergeQuestion(other: Pick<Customer, 'customer_id' | 'name' | 'email' | 'phone'>, orderCount: number, { t, format, locale }: Pick<I18n, 't' | 'format' | 'locale'>): string {
  return t(pluralKey(locale, 'merge.confirm', orderCount), { other: customerLabel(other, t), id: other.customer_id, orders: format.number(orderCount) });
}

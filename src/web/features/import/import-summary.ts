import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import type { ImportTotals } from './run-import.js';

/**
 * The result as sentences: the rows, whose counts add up to the rows read, and
 * beside them the orders, when the file had orders (an export of one row per
 * order line has fewer orders than rows; each order counts once). "Rows" takes the form of the total's
 * count ("1 of 1 row read"). Customers the file created are said when there are any: orders sent
 * from another source than their customers' find no one and make new customers, which would
 * otherwise go unnoticed.
 */
export function importSummaryLines(totals: ImportTotals, total: number, t: I18n['t'], format: Pick<Formatters, 'number'>, locale: Locale): string[] {
  const rows = t(pluralKey(locale, 'import.summary', total), {
    read: format.number(totals.read), total: format.number(total), inserted: format.number(totals.inserted),
    updated: format.number(totals.updated), unchanged: format.number(totals.unchanged), rejected: format.number(totals.rejected),
  });
  const { orders } = totals;
  const lines = [rows];
  if (orders) {
    // rows of one order (its lines, or the order sent twice) count once: said when the counts show it
    const isCountedAsRows = orders.inserted === totals.inserted && orders.updated === totals.updated && orders.unchanged === totals.unchanged && orders.rejected === totals.rejected;
    lines.push(t(isCountedAsRows ? 'import.ordersSummary' : 'import.ordersSummaryCountedOnce', {
      inserted: format.number(orders.inserted), updated: format.number(orders.updated), unchanged: format.number(orders.unchanged), rejected: format.number(orders.rejected),
    }));
  }
  if (totals.createdCustomers > 0) lines.push(t('import.createdCustomers', { count: format.number(totals.createdCustomers) }));
  // the page sends only mapped fields: one not read is an order line's, mapped without a unit price
  if (totals.ignoredFields.length > 0) lines.push(t('import.ignoredFields', { fields: totals.ignoredFields.join(', ') }));
  return lines;
}

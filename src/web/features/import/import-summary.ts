import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralFormOf, pluralKey } from '../../i18n/plural.js';
import { maskedPhonesLine } from './masked-phones.js';
import type { ImportTotals } from './run-import.js';

/**
 * The result as sentences: the rows, whose counts add up to the rows read, and
 * beside them the orders, when the file had orders (an export of one row per
 * order line has fewer orders than rows; each order counts once). "Rows" takes the form of the total's
 * count ("1 of 1 row read"). Customers the file created are said when there are any: orders sent
 * from another source than their customers' find no one and make new customers, which would
 * otherwise go unnoticed. So are the consents a customer had refused: kept (and how the file could
 * replace them: `canOverrideConsent`, the reader's role may send it as the consent authority, else who
 * can), or replaced by a file sent as the consent authority, which the audit log records. And the rows
 * whose phone a marketplace masked, ignored, as the CLI's summary says them.
 */
export function importSummaryLines(
  totals: ImportTotals, total: number, t: I18n['t'], format: Pick<Formatters, 'number'>, locale: Locale, { canOverrideConsent = false }: { canOverrideConsent?: boolean } = {},
): string[] {
  const counted = (name: SummaryCount) => summaryCountText(name, totals[name], t, format, locale);
  const rows = t(pluralKey(locale, 'import.summary', total), {
    read: counted('read'), total: format.number(total), inserted: counted('inserted'),
    updated: counted('updated'), unchanged: counted('unchanged'), rejected: counted('rejected'),
  });
  const { orders } = totals;
  const lines = [rows];
  if (orders) {
    // rows of one order (its lines, or the order sent twice) count once: said when the counts show it
    const isCountedAsRows = orders.inserted === totals.inserted && orders.updated === totals.updated && orders.unchanged === totals.unchanged && orders.rejected === totals.rejected;
    const orderCount = (name: Exclude<SummaryCount, 'read'>) => summaryCountText(name, orders[name], t, format, locale, 'import.ordersSummaryCounts');
    lines.push(t(isCountedAsRows ? 'import.ordersSummary' : 'import.ordersSummaryCountedOnce', {
      inserted: orderCount('inserted'), updated: orderCount('updated'), unchanged: orderCount('unchanged'), rejected: orderCount('rejected'),
    }));
  }
  if (totals.createdCustomers > 0) lines.push(t('import.createdCustomers', { count: format.number(totals.createdCustomers) }));
  lines.push(...consentRefusalLines(totals, t, format, locale, canOverrideConsent));
  // the page sends only mapped fields: one not read is an order line's, mapped without a unit price
  if (totals.ignoredFields.length > 0) lines.push(t('import.ignoredFields', { fields: totals.ignoredFields.join(', ') }));
  const maskedPhones = maskedPhonesLine(totals.maskedPhones, t, format, locale);
  if (maskedPhones) lines.push(maskedPhones);
  return lines;
}

type SummaryCount = 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected';

/**
 * A count of the summary with its word in the form the count takes ("nolasīta 1", "jaunas 2" in
 * Latvian, where the word agrees with its own count, not with the total's). English and Indonesian
 * words do not change ("1 new", "2 new"), so each count's message has a form for one and for the
 * rest (`import.summaryCounts.inserted.one`/`.other`), Latvian's zero form (10–20…) read as its other.
 * The orders' counts (`import.ordersSummaryCounts`) agree with "pasūtījumi", masculine: "jauns 1".
 */
export function summaryCountText(name: SummaryCount, count: number, t: I18n['t'], format: Pick<Formatters, 'number'>, locale: Locale, messages = 'import.summaryCounts'): string {
  const form = pluralFormOf(locale, count) === 'one' ? 'one' : 'other';
  return t(`${messages}.${name}.${form}`, { count: format.number(count) });
}

/** The refused consents the import kept, or replaced as the consent authority (nothing when neither applies). */
function consentRefusalLines(totals: ImportTotals, t: I18n['t'], format: Pick<Formatters, 'number'>, locale: Locale, canOverrideConsent: boolean): string[] {
  const lines: string[] = [];
  if (totals.consentRefusalsKept > 0) {
    lines.push(`${t(pluralKey(locale, 'import.consentRefusalsKept', totals.consentRefusalsKept), { count: format.number(totals.consentRefusalsKept) })} `
      + t(canOverrideConsent ? 'import.consentRefusalsKeptCanOverride' : 'import.consentRefusalsKeptAskOwner'));
  }
  if (totals.consentRefusalsOverridden > 0) {
    lines.push(t(pluralKey(locale, 'import.consentRefusalsOverridden', totals.consentRefusalsOverridden), { count: format.number(totals.consentRefusalsOverridden) }));
  } else if (totals.isConsentAuthority && totals.ending === 'completed') {
    // the whole file sent as the consent authority, and no refusal in the way: said, so the choice is not left unanswered
    lines.push(t('import.consentRefusalsOverriddenNone'));
  }
  return lines;
}

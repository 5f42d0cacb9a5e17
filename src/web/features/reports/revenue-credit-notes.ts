import type { ReportCreditNotes } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * The notes beside the revenue chart about credit notes, each only when it applies. A credit note lowers the day of
 * the sale it credits, so a day read before it shows more than the same day read after: said where the figure is read,
 * not only in the import guide. And credit notes that matched no earlier sale of their customer take nothing off
 * revenue: a controller comparing sales less every credit note with the chart finds that amount, told here.
 */
export function revenueCreditNotes(report: ReportCreditNotes, t: Translate, format: Pick<Formatters, 'number' | 'money'>, locale: Locale): string[] {
  const notes = report.hasCreditNotes ? [t('reports.revenue.creditNotesRestate')] : [];
  const unapplied = report.unappliedCredit;
  if (unapplied && unapplied.creditNotes > 0) {
    notes.push(t(pluralKey(locale, 'reports.revenue.unappliedCredit', unapplied.creditNotes), { count: format.number(unapplied.creditNotes), amount: format.money(unapplied.amountMinor) }));
  }
  return notes;
}

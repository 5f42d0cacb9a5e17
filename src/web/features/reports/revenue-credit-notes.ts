import type { ReportCreditNotes } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The message keys the notes are told with: `unapplied` carries the plural forms (plural.ts). */
export type CreditNoteTexts = { restate: string; unapplied: string };

/** Beside the revenue chart, which shows days. */
export const revenueChartCreditNoteTexts: CreditNoteTexts = { restate: 'reports.revenue.creditNotesRestate', unapplied: 'reports.revenue.unappliedCredit' };
/** Under Home's key figures: one short line, about a period's revenue rather than a chart's days. */
export const keyFiguresCreditNoteTexts: CreditNoteTexts = { restate: 'home.creditNotes.restate', unapplied: 'home.creditNotes.unapplied' };

/**
 * The notes about credit notes wherever revenue is read (the revenue chart, Home's key figures), each only when it
 * applies. A credit note lowers the day of the sale it credits, so a day read before it shows more than the same day
 * read after: said where the figure is read, not only in the import guide. And credit notes that matched no earlier
 * sale of their customer take nothing off revenue: a controller comparing sales less every credit note with the
 * figure finds that amount, told here.
 */
export function revenueCreditNotes(report: ReportCreditNotes, t: Translate, format: Pick<Formatters, 'number' | 'money'>, locale: Locale, texts = revenueChartCreditNoteTexts): string[] {
  const notes = report.hasCreditNotes ? [t(texts.restate)] : [];
  const unapplied = report.unappliedCredit;
  if (unapplied && unapplied.creditNotes > 0) {
    notes.push(t(pluralKey(locale, texts.unapplied, unapplied.creditNotes), { count: format.number(unapplied.creditNotes), amount: format.money(unapplied.amountMinor) }));
  }
  return notes;
}

import { spreadsheetCsv } from '../../components/spreadsheet-csv.js';
import { majorUnits, sheetChance, sheetText, sheetTime, type CsvColumn, type CsvMoney, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

/**
 * The export for a person with a spreadsheet, beside the machine form of
 * customer-csv.ts (field codes, UTC ISO times, minor units, comma and point
 * always), which re-imports and which the CLI writes: the same rows, read by
 * a shop owner instead.
 *
 * Fields and numbers follow the reader's language: where it writes a decimal
 * comma (Latvian, Indonesian), fields are split by ";" and amounts read
 * "1247,06", as Excel set to that region expects when the file is opened with
 * a double click; a comma-separated file would land whole in column A there.
 * The language is the best sign of the spreadsheet's region the app has, and
 * a reader whose Excel is set otherwise still has the import dialog. Numbers
 * carry no thousands separators, which a spreadsheet would read as text.
 * Times are "2026-11-30 10:12", which Excel reads as a date in every region.
 * A phone number is written so the sheet keeps it as text, its + and leading 0 included
 * (customer-csv.ts's SheetText), and P(alive) with two decimals, as the web shows it in percent.
 * The file is for a person: the "For re-import" file is the one to import again.
 */
export type SpreadsheetContext = {
  /** The reader's language: the headers and words, and how fields and numbers are separated. */
  locale: Locale;
  t: I18n['t'];
  /** The store's time zone: times are written as its wall clock. */
  timeZone: string;
  money: CsvMoney;
  /** A persona's name as the Personas page shows it, by the server's name the members list sends; null or absent: that name. */
  personaName?: (name: string) => { text: string } | null;
};


/** Header keys under customers.export.columns; revenue_minor is left out, since a person needs the amount once. */
const headerKeys: Partial<Record<CsvColumn, string>> = {
  customer_id: 'customerId', name: 'name', email: 'email', phone: 'phone', city: 'city', country: 'country', is_real: 'status',
  order_count: 'orders', revenue: 'revenue', first_purchase_at: 'firstPurchase', last_purchase_at: 'lastPurchase', created_at: 'createdAt',
  primary_type: 'primaryType', types: 'types', rfm_segment: 'rfmSegment', consent_email: 'consentEmail', consent_sms: 'consentSms',
  consent_profiling: 'consentProfiling', entered_at: 'enteredAt', clv: 'clv', p_alive: 'pAlive', churn_risk: 'churnRisk', persona: 'persona',
  consent_whatsapp: 'consentWhatsapp',
};

/** The machine columns a person's sheet shows, in the same order. */
export function spreadsheetColumns(columns: readonly CsvColumn[]): CsvColumn[] {
  return columns.filter((column) => headerKeys[column] !== undefined);
}

export function spreadsheetHeader(columns: readonly CsvColumn[], { t, money }: SpreadsheetContext): string[] {
  return spreadsheetColumns(columns).map((column) => {
    const text = t(`customers.export.columns.${headerKeys[column]}`);
    return (column === 'revenue' || column === 'clv') && money.currency ? `${text} (${money.currency})` : text;
  });
}

export function spreadsheetCells(row: CustomerCsvRow, columns: readonly CsvColumn[], { t, timeZone, money, personaName }: SpreadsheetContext): unknown[] {
  const yesNo = (value: boolean | null) => (value === null ? t('customer.consentUnknown') : t(value ? 'common.yes' : 'common.no'));
  const type = (value: string) => translatedOr(t, 'customerTypes', value);
  return spreadsheetColumns(columns).map((column) => {
    switch (column) {
      // as text: a spreadsheet would read +6288222773951 as a number, dropping the + (and 0812…'s 0)
      case 'phone': return sheetText(row.phone);
      case 'is_real': return t(row.is_real ? 'customers.status.real' : 'customers.status.lead');
      // a number, not text: text starting with "-" would be guarded as a formula (core/csv.ts), which
      // writes the decimal separator; amounts far below 2^53 minor units come back from Number with all their digits
      case 'revenue': return row.revenue_minor === null || row.revenue_minor === undefined ? null : Number(majorUnits(Number(row.revenue_minor), money.minorPerMajor));
      case 'clv': return row.clv_minor === null || row.clv_minor === undefined ? null : Number(majorUnits(Number(row.clv_minor), money.minorPerMajor));
      case 'p_alive': return sheetChance(row.p_alive);
      case 'churn_risk': return row.churn_risk ? translatedOr(t, 'customer.prediction.risks', row.churn_risk) : null;
      case 'first_purchase_at': case 'last_purchase_at': case 'created_at': case 'entered_at': return sheetTime(row[column] ?? null, timeZone);
      case 'primary_type': return row.primary_type ? type(row.primary_type) : null;
      case 'types': return row.types?.map(type).join(', ') || null;
      case 'rfm_segment': return row.rfm_segment ? translatedOr(t, 'rfmSegments', row.rfm_segment) : null;
      case 'consent_email': case 'consent_sms': case 'consent_profiling': case 'consent_whatsapp': return yesNo(row[column] ?? null);
      case 'persona': return row.persona ? personaName?.(row.persona)?.text ?? row.persona : null;
      default: return row[column] ?? null;
    }
  });
}

/** A whole sheet at once: the byte order mark, the header and the rows (the web app writes it page by page). */
export function customersForSpreadsheet(rows: readonly CustomerCsvRow[], columns: readonly CsvColumn[], context: SpreadsheetContext): string {
  return spreadsheetCsv([spreadsheetHeader(columns, context), ...rows.map((row) => spreadsheetCells(row, columns, context))], context.locale);
}

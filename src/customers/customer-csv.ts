import type { CsvOptions } from '../core/csv.js';

/**
 * The columns of a customer export, shared by the web app's exports (the
 * customer list, a segment's members) and the CLI's, so a marketer's sheet or
 * mail tool reads every file the same way. Columns are only ever appended:
 * tools map them by position as often as by name.
 */
export const customerCsvColumns = [
  'customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue', 'revenue_minor',
  'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment',
  // true, false, or empty when the customer was never asked: only true may be emailed or texted
  'consent_email', 'consent_sms', 'consent_profiling',
] as const;

/**
 * A segment's members: the customer columns, when each one entered the segment, then what campaign
 * tools sync as profile fields (predicted CLV, P(alive), churn risk, persona; empty when not
 * predicted). A customers import ignores these columns, so the file still re-imports.
 */
export const segmentMemberCsvColumns = [...customerCsvColumns, 'entered_at', 'clv', 'clv_minor', 'p_alive', 'churn_risk', 'persona'] as const;

/**
 * How the web app writes the re-import form: RFC 4180 with a comma and a point, and
 * every value exactly as stored, without the spreadsheet form's formula guard (core/csv.ts). The file is for
 * programs (the importer, a mail tool's sync), which run no formulas and would keep the guard's ' as part of the
 * value: "'-2+3@example.lv" is no address, and a re-import would save it. A person gets the spreadsheet form.
 */
export const machineCsvOptions: CsvOptions = { field: ',', decimal: '.', guardsFormulas: false };

type Time = Date | string;

/** A customer as the list and the segment members answer (times as Dates from the database, as text from the API). */
export type CustomerCsvRow = {
  customer_id: number; name: string | null; email: string | null; phone: string | null; city: string | null; country: string | null;
  is_real: boolean; order_count: number; revenue_minor: number | string | null;
  first_purchase_at: Time | null; last_purchase_at: Time | null; created_at: Time;
  primary_type?: string | null; types?: string[] | null; rfm_segment?: string | null;
  consent_email: boolean | null; consent_sms: boolean | null; consent_profiling: boolean | null;
  entered_at?: Time;
  clv_minor?: number | null; p_alive?: number | null; churn_risk?: string | null; persona?: string | null;
};

export type CsvColumn = (typeof segmentMemberCsvColumns)[number];
export type CsvMoney = { currency: string | null; minorPerMajor: number };

/** An amount in minor units written exactly in major units, with a point: 1399093 cents → "13990.93". */
export function majorUnits(minor: number, minorPerMajor: number): string {
  const digits = Math.round(Math.log10(minorPerMajor));
  if (digits <= 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * The header row. Revenue comes twice: in the store currency's units, named
 * with its code ("revenue (USD)", 13990.93), for a person reading the sheet,
 * and in minor units as in the API (revenue_minor, 1399093), exact integers
 * for a program.
 */
export function customerCsvHeader(columns: readonly CsvColumn[], money: CsvMoney): string[] {
  return columns.map((column) => (isAmountColumn(column) && money.currency ? `${column} (${money.currency})` : column));
}

/** Amounts written twice, in major units and (as `<column>_minor`) in minor units. */
const minorColumnOf = { revenue: 'revenue_minor', clv: 'clv_minor' } as const;
const isAmountColumn = (column: CsvColumn): column is keyof typeof minorColumnOf => Object.hasOwn(minorColumnOf, column);

/** One customer's cells, in the columns' order. */
export function customerCsvCells(row: CustomerCsvRow, columns: readonly CsvColumn[], money: CsvMoney): unknown[] {
  return columns.map((column) => {
    if (isAmountColumn(column)) {
      const minor = row[minorColumnOf[column]];
      return minor === null || minor === undefined ? null : majorUnits(Number(minor), money.minorPerMajor);
    }
    const value = row[column];
    return Array.isArray(value) ? value.join(' ') : value ?? null;
  });
}

import { wallClockMinuteOf } from '../core/calendar-day.js';
import type { CsvOptions } from '../core/csv.js';

/**
 * The columns of a customer export, shared by the web app's exports (the
 * customer list, a segment's members) and the CLI's, so a marketer's sheet or
 * mail tool reads every file the same way. A customer column is only ever
 * appended to the customer columns (tools map them by position as often as by
 * name), which a segment's member file starts with, in the same order.
 */
export const customerCsvColumns = [
  'customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue', 'revenue_minor',
  'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment',
  // true, false, or empty when the customer was never asked: only true may be emailed or texted.
  // WhatsApp, added later, after the others, so the columns before it stay where they were.
  'consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp',
] as const;

/**
 * A segment's members: the customer columns in their order, the consents together (WhatsApp with
 * the others, not after the persona), then when each one entered the segment and what campaign tools
 * sync as profile fields (predicted CLV, P(alive), churn risk, persona; empty when not predicted).
 * A customers import ignores the member columns, so the file still re-imports.
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
  /** Written empty when absent (never asked), as a null. */
  consent_whatsapp?: boolean | null;
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

/**
 * A cell a spreadsheet must keep as text, exactly as stored: a phone number. Opened with a double click,
 * Excel, LibreOffice Calc and Google Sheets read "+6288222773951" as the number 6288222773951 and
 * "08123456789" as 8123456789, losing the + and the leading 0; a cell format cannot bring them back.
 * Written as the formula ="+6288222773951" (quoted by RFC 4180: "=""+6288222773951"""), all three
 * compute it into that text when the file opens. Only values of digits, spaces, + ( ) and - become
 * one (sheetText): inside the formula's string literal they cannot end it, so no other formula can
 * be smuggled in, and anything else stays text under core/csv.ts's formula guard. toCsv writes this
 * through String(), and guards strings only, so the = stays. The importer reads such a cell's number
 * (normalisePhone finds it inside ="…"), but the re-import form is the file for programs.
 */
export class SheetText {
  // made only by of(), so no text but a phone-shaped one is ever written unguarded
  private constructor(readonly text: string) {}

  /** The value as such a cell when it is strictly phone-shaped; null otherwise. */
  static of(value: string): SheetText | null {
    return phoneShaped.test(value) ? new SheetText(value) : null;
  }

  toString(): string {
    return `="${this.text}"`;
  }
}

const phoneShaped = /^(?=.*\d)[0-9+() -]{1,64}$/;

/** A phone number (or another identifier) for a spreadsheet: as SheetText when it is strictly phone-shaped, else as it is. */
export function sheetText(value: string | null | undefined): SheetText | string | null {
  if (value === null || value === undefined || value === '') return null;
  return SheetText.of(value) ?? value;
}

/**
 * A probability (P(alive)) for a person, with two decimals, as the web app's percent without decimals
 * shows it (0.6590166715389049 → 0.66: "66%"); as the web app says "<1%" and ">99%", a chance
 * that is neither none nor certainty is never rounded to 0 or 1. The API and the re-import form keep every digit.
 */
export function sheetChance(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const rounded = Math.round(value * 100) / 100;
  if (value > 0 && rounded === 0) return 0.01;
  if (value < 1 && rounded === 1) return 0.99;
  return rounded;
}

/**
 * "2026-11-30 10:12" on the store's clock: the form every spreadsheet parses as a date and time, where
 * UTC ISO 8601 ("2026-11-30T03:12:00.000Z") stays text. A bare calendar day ("2026-11-30") is already
 * the store's and is written as it is.
 */
export function sheetTime(value: Time | null | undefined, timeZone: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return wallClockMinuteOf(new Date(value), timeZone);
}

const timeColumns: ReadonlySet<CsvColumn> = new Set(['first_purchase_at', 'last_purchase_at', 'created_at', 'entered_at']);

/**
 * One customer's cells for the CLI's sheet form (`segments members --csv`): the field-code columns of
 * customerCsvCells, with what a person's spreadsheet needs as the web app's spreadsheet form writes
 * it: the phone as text, times on the store's clock (`timeZone`), P(alive) with two decimals.
 * customer_id stays a number in both sheets: a whole number from a sequence, with no leading zero
 * and far fewer than 15 digits, which a spreadsheet reads exactly and another export's ids still match.
 */
export function customerSheetCells(row: CustomerCsvRow, columns: readonly CsvColumn[], money: CsvMoney, timeZone: string): unknown[] {
  const cells = customerCsvCells(row, columns, money);
  return columns.map((column, index) => {
    if (column === 'phone') return sheetText(row.phone);
    if (column === 'p_alive') return sheetChance(row.p_alive);
    if (timeColumns.has(column)) return sheetTime(row[column as 'created_at'] ?? null, timeZone);
    return cells[index];
  });
}

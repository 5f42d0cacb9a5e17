import type { FieldValues } from './row-problem.js';
import { maskedPhone } from './row-values.js';

/** A phone a marketplace masked on a row read by its other identities: the row's line, the field, the value as written. */
export type MaskedPhone = { line: number; field: string; value: string };

/**
 * The rows of a file or batch whose phone was masked and so ignored (row-values.ts, maskedPhone),
 * and the first of them, the example a summary names. A row whose only identity was such a phone
 * is not among them: it is rejected (PHONE_MASKED) and counted with the rejects.
 */
export type MaskedPhones = { rows: number; first: MaskedPhone | null };

// Every field a phone identity is read from: an order's or event's buyer, a gift's recipient, a customer.
const phoneFields = ['customer_phone', 'recipient_phone', 'phone'] as const;

export const noMaskedPhones: MaskedPhones = { rows: 0, first: null };

/** The row's first masked phone, or null; a row with two (buyer and recipient) counts once. */
export function maskedPhoneOfRow(values: FieldValues, line: number): MaskedPhone | null {
  for (const field of phoneFields) {
    if (!values.has(field)) continue;
    const value = maskedPhone(values, field);
    if (value !== null) return { line, field, value };
  }
  return null;
}

/** `counted` with one more row, `masked`; the earliest line stays the example. */
export function withMaskedPhone(counted: MaskedPhones, masked: MaskedPhone): MaskedPhones {
  const first = counted.first === null || masked.line < counted.first.line ? masked : counted.first;
  return { rows: counted.rows + 1, first };
}

/** The counts of two batches of one import as one. */
export function addMaskedPhones(a: MaskedPhones, b: MaskedPhones): MaskedPhones {
  const first = a.first === null ? b.first : b.first === null || a.first.line <= b.first.line ? a.first : b.first;
  return { rows: a.rows + b.rows, first };
}

/**
 * What an import's summary says of them, in English (null when none): a seller learns that the
 * file's phones identified no one, and why, rather than finding buyers without their numbers.
 */
export function maskedPhonesNote({ rows, first }: MaskedPhones): string | null {
  if (rows === 0 || first === null) return null;
  const had = rows === 1 ? '1 row had' : `${rows.toLocaleString('en')} rows had`;
  return `${had} a masked phone (e.g. line ${first.line}: ${first.value}), ignored: a masked number cannot tell buyers apart`;
}

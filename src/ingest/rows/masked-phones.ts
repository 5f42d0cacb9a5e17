import type { FieldValues } from './row-problem.js';
import { maskedPhone } from './row-values.js';
import type { MaskedPhone, MaskedPhones } from './masked-phone-counts.js';

export { addMaskedPhones, noMaskedPhones, withMaskedPhone, type MaskedPhone, type MaskedPhones } from './masked-phone-counts.js';

// Every field a phone identity is read from: an order's or event's buyer, a gift's recipient, a customer.
const phoneFields = ['customer_phone', 'recipient_phone', 'phone'] as const;

/** The row's first masked phone, or null; a row with two (buyer and recipient) counts once. */
export function maskedPhoneOfRow(values: FieldValues, line: number): MaskedPhone | null {
  for (const field of phoneFields) {
    if (!values.has(field)) continue;
    const value = maskedPhone(values, field);
    if (value !== null) return { line, field, value };
  }
  return null;
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

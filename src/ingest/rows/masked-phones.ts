import type { ImportEntity } from '../canonical.js';
import { contactKindOfName } from './contact-columns.js';
import { headerWords } from './header-synonyms.js';
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

// The fields besides the phone that tell a customer apart, by entity (row-values.ts, customerRefs; build-customer.ts).
const identityFields: Record<ImportEntity, readonly string[]> = {
  customers: ['customer_id', 'email'], orders: ['customer_id', 'customer_email'], events: ['customer_id', 'customer_email'], lines: [], products: [],
};

// Headers naming an account or a customer number: Shopee's "Username (Pembeli)", "Buyer ID", "ID Pelanggan", "Klienta ID"
const identityWords = /\b(?:user ?name|user id|username pembeli|(?:customer|client|buyer|member|user) (?:id|number|no)|id (?:pelanggan|pembeli|pengguna)|nama pengguna|klienta (?:id|numurs)|lietotajvards)\b/;

/**
 * Whether the file has a column besides the phone that could tell its customers apart: one the
 * entity reads as an id or email (a Shopee row without its username is advised to fill it), or
 * one not read but named as an email, a username or a customer number, which the seller can map.
 * Tokopedia's sales report has none (the buyer's name and phone alone): a row whose phone it
 * masked is told that this export cannot tell its buyers apart (row-values.ts, failIfOnlyMaskedPhone).
 */
export function hasOtherIdentityColumn(entity: ImportEntity, columns: ReadonlyMap<string, string>, unreadColumns: readonly string[]): boolean {
  if (identityFields[entity].some((field) => columns.has(field))) return true;
  if (entity === 'customers' && [...columns.keys()].some((field) => field.startsWith('external_id.'))) return true;
  return unreadColumns.some((column) => contactKindOfName(column) === 'email' || identityWords.test(headerWords(column)));
}

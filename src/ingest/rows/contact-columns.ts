import { headerWords } from './header-synonyms.js';

/** A column that names a customer by how to reach them rather than by an id. */
export type ContactKind = 'email' | 'phone';

// Enough rows to judge a column by, few enough that judging costs nothing next to reading them.
const valuesJudged = 1000;

// The shape identity.ts accepts (one @, a dot in the domain, no spaces), not its normalisation:
// fields.ts, and so the web app's bundle, imports this file.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// Only numbers written as phone numbers: a bare run of digits is as likely a customer number.
const internationalPhone = /^(?:\+|00)\s*\(?\d[\d\s().\/-]*$/;
const groupedLocalPhone = /^\(?0\d*\)?(?:[\s.\/-]+\(?\d+\)?)+$/;

export function looksLikeEmail(value: string): boolean {
  return emailShape.test(value.trim());
}

/** "+371 2612 3456", "0812-3456-7890", "(021) 555 1234"; never "100234567" or "2024-0001". */
export function looksLikePhone(value: string): boolean {
  const written = value.trim();
  const digits = written.replace(/\D/g, '').length;
  if (internationalPhone.test(written)) return digits >= 8 && digits <= (written.startsWith('00') ? 17 : 15);
  return groupedLocalPhone.test(written) && digits >= 9 && digits <= 13;
}

/**
 * What a column's first non-empty values are when more than half of them are email addresses
 * (or phone numbers), else null. A shop's "Klients" or "Customer" column often holds the buyer's
 * email: stored as an id, each email would become a customer apart from the one the same email
 * names elsewhere.
 */
export function contactKindOfValues(values: Iterable<string | null | undefined>): ContactKind | null {
  let judged = 0;
  let emails = 0;
  let phones = 0;
  for (const value of values) {
    if (value === null || value === undefined || value.trim() === '') continue;
    judged += 1;
    if (looksLikeEmail(value)) emails += 1;
    else if (looksLikePhone(value)) phones += 1;
    if (judged >= valuesJudged) break;
  }
  if (emails * 2 > judged) return 'email';
  if (phones * 2 > judged) return 'phone';
  return null;
}

const emailWords = /\b(?:e ?mail|mail|e ?pasts|surel)\b/;
const phoneWords = /\b(?:phone|telephone|tel|mobile|mobil|cell|telepon|hp|talrunis|telefons)\b/;

/** What a header says its column holds: "Customer Email", "E-pasts" an email, "No HP", "Tālrunis" a phone. */
export function contactKindOfName(header: string): ContactKind | null {
  const words = headerWords(header);
  if (emailWords.test(words)) return 'email';
  if (phoneWords.test(words)) return 'phone';
  return null;
}

/** The field of `fields` (customer_email or email, customer_phone or phone) that holds `kind`. */
export function contactField(fields: readonly string[], kind: ContactKind): string | null {
  return fields.find((field) => field === kind || field === `customer_${kind}`) ?? null;
}

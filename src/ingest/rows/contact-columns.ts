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

// A word of a person's or company's name: letters of any script with their accents, and the
// apostrophes, hyphens and dots names carry ("O'Brien", "Jean-Luc", "J.", "Bērziņš"). Never a
// digit, "@" or "+": "C-1001", "CUST001", "17850" and every email or phone fail it.
const nameWord = /^\p{L}[\p{L}\p{M}'’.-]*$/u;

/**
 * "Budi Santoso", "PT. Maju Jaya", "Budi", "UMUM"; never "C-1001", "LC-0068", "17850", "budi" or
 * "ana@example.com". A single word must start with a capital: a lowercase word ("cust", "vip")
 * is as likely a code.
 */
export function looksLikeName(value: string): boolean {
  const written = value.trim();
  const words = written.split(/\s+/);
  if (written.length > 100 || !words.every((word) => nameWord.test(word))) return false;
  return words.length > 1 || /^\p{Lu}/u.test(words[0]);
}

/**
 * Whether a column's first non-empty values are names: at least 4 in 5 look like one
 * (looksLikeName) and at least half have two words or more. A lone "Budi" could be a customer
 * code as well as a name, so single words alone decide nothing; an id column with some names
 * in it ("C-1001" beside "Budi Santoso") stays ids.
 */
export function holdsMostlyNames(values: Iterable<string | null | undefined>): boolean {
  let judged = 0;
  let names = 0;
  let multiWord = 0;
  for (const value of values) {
    if (value === null || value === undefined || value.trim() === '') continue;
    judged += 1;
    if (looksLikeName(value)) {
      names += 1;
      if (/\s/.test(value.trim())) multiWord += 1;
    }
    if (judged >= valuesJudged) break;
  }
  return judged > 0 && names * 5 >= judged * 4 && multiWord * 2 >= judged;
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

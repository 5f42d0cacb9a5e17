import { foldAccents } from '../../customers/name-search.js';
import { singleLineText } from '../../customers/single-line-text.js';
import type { FieldValues } from './row-problem.js';

/**
 * The name to store for a person: the whole-name field when the row fills it, else the first
 * and last name fields joined ("Jānis" + "Bērziņš" → "Jānis Bērziņš"), either alone when only
 * one is filled. Many exports split names (Shopify's customers, WooCommerce's billing_first_name
 * and billing_last_name): read as the whole name, the surname would be lost and searching by it
 * would find no one. The whole name wins when both are given: it is what the source itself
 * shows, and parts joined by a space could differ from it ("Bērziņš, Jānis"). Except beside a
 * last name and no first name, when it lacks that surname: then it holds the first name ("Name"
 * and "Surname" mapped as name and last_name), and dropping the surname would lose it unseen.
 */
export function personName(values: FieldValues, fields: { name: string; first: string; last: string }): string | null {
  const [whole, first, last] = [fields.name, fields.first, fields.last].map((field) => profileText(values, field));
  if (whole !== null && (first !== null || last === null || holdsWords(whole, last))) return whole;
  const parts = [whole ?? first, last].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * Whether the whole name holds the surname as words of its own ("Bērziņš, Jānis" holds "BERZINS":
 * accents and capitals aside), not merely as letters inside a word: "Alice" does not hold "Li".
 */
function holdsWords(whole: string, last: string): boolean {
  const wholeWords = wordsOf(whole);
  const lastWords = wordsOf(last);
  if (lastWords.length === 0) return true;
  return wholeWords.some((_, start) => lastWords.every((word, offset) => wholeWords[start + offset] === word));
}

// folded as the name search folds (name-search.ts), so a surname found here is the one a search finds
const wordsOf = (text: string): string[] => foldAccents(text).toLowerCase().split(/[^\p{L}\p{N}']+/u).filter((word) => word !== '');

/** A profile field kept on one line (single-line-text.ts), null when empty. */
export function profileText(values: FieldValues, field: string): string | null {
  const text = values.text(field);
  return text === null ? null : singleLineText(text) || null;
}

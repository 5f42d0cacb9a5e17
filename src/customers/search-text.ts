/**
 * The forms of a typed external id the lookup and the search compare folded with the stored ids
 * (external_id_folded, db/migrations/202612160100_external_id_folded.sql: spaces, dashes, dots,
 * slashes and underscores dropped, ASCII letters in lower case), so "lc 0068 890246" finds
 * "LC-0068-890246": the id as typed, and in upper and in lower case, since the database folds only
 * ASCII letters and an id in one case of other letters ("ÖZ-12") is still found typed in the other.
 * Each is one probe of the folded index, never a scan.
 */
export function externalIdVariants(text: string): string[] {
  return caseVariants(text);
}

/** An order's external id as typed, and in upper and in lower case: order ids are exact, dashes and all. */
export function orderIdVariants(text: string): string[] {
  return caseVariants(text);
}

/** The customer number Clientele shows ("No. 1042", "#1042" or "1042"). */
const customerNumberPattern = /^(?:#|(?:no|nr)\.?\s*)?(\d{1,15})$/i;

/** The customer number the search text names, or null when it names none. */
export function customerNumberOf(text: string): string | null {
  return customerNumberPattern.exec(text.trim())?.[1] ?? null;
}

const distinctNonEmpty = (values: string[]) => [...new Set(values)].filter((value) => value.length > 0);
const caseVariants = (text: string) => distinctNonEmpty([text, text.toUpperCase(), text.toLowerCase()]);

/** A phone number as an agent types it: digits, an optional leading +, and the usual separators. */
const phoneLike = /^\+?[\d\s().-]+$/;
/** Fewer digits than any country's subscriber numbers: a short order id, not a phone. */
const fewestPhoneDigits = 7;

/**
 * Whether the search text is written as a phone could be (digits and separators,
 * 7 or more digits), so a search that finds nothing may say how to write one.
 * Looser than the import's phone column test (8–15 digits): it only picks the
 * searches worth a hint, and the hint itself asks libphonenumber.
 */
export function couldBePhoneSearch(text: string): boolean {
  const trimmed = text.trim();
  return phoneLike.test(trimmed) && trimmed.replace(/\D/g, '').length >= fewestPhoneDigits;
}

/**
 * What a customer search tries as a phone: the text as typed (read in the store's
 * country unless it has a country code), and, when it is only digits not starting
 * with 0, the same with a + before it: spreadsheets and agents drop the + from
 * "+62 812 3456 7890", and "6281234567890" read in a US store is no number at all.
 */
export function phoneVariants(text: string): string[] {
  const trimmed = text.trim();
  const digits = trimmed.replace(/[\s().-]/g, '');
  return distinctNonEmpty(/^[1-9]\d+$/.test(digits) ? [trimmed, `+${digits}`] : [trimmed]);
}

// "Name <address>" as a mail client copies a sender, or "<address>" alone
const addressInAngles = /^[^<>]*<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+?)\s*>$/i;
// what a sentence or a quotation leaves around an address copied out of it
const wrapperStart = /^(?:mailto:|[<("'`\u2018\u201C\u00AB[])+/i;
const wrapperEnd = /[>)"'`\u2019\u201D\u00BB\].,;:!?]+$/;
// the shape normaliseEmail accepts (identity.ts), which is loose enough to take "<a@b.com>" whole
const addressShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * The address in a search text pasted with an email: "Ana <ana@example.com>" from a mail client,
 * "<ana@example.com>", or an address copied out of a sentence with its full stop or quotes
 * ("ana@example.com.", "(ana@example.com)"). Null when the text holds no such address, or nothing
 * is around it: the search then goes on as typed. A domain never ends in a dot or a bracket, so
 * trimming them changes no address.
 */
export function pastedEmailOf(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.includes('@')) return null;
  const candidate = addressInAngles.exec(trimmed)?.[1] ?? trimmed.replace(wrapperStart, '').replace(wrapperEnd, '');
  return candidate !== trimmed && addressShape.test(candidate) ? candidate : null;
}
